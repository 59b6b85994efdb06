/* A figure month by month as a line, for the target and indicator pages' charts (loaded before
   them). The month under way counts the days so far (decision 0163): its segment is dashed, its
   point hollow, and its tooltip says so. A goal is a flat dashed line. */
var monthChart = (function () {
  "use strict";

  function values(label, data, open) {
    return {
      label: label, data: data, borderColor: "#0b4f8a", backgroundColor: "rgba(11,79,138,.12)",
      fill: true, pointRadius: 3, tension: 0.2, spanGaps: false,
      segment: { borderDash: function (c) { return c.p1DataIndex === open ? [5, 4] : undefined; } },
      pointBackgroundColor: function (c) { return c.dataIndex === open ? "#fff" : "#0b4f8a"; }
    };
  }

  function goal(label, months, value, colour) {
    return { label: label, data: months.map(function () { return value; }), borderColor: colour, borderDash: [6, 4], pointRadius: 0 };
  }

  // `percent()` is asked at each tooltip: the indicator page changes its series in place
  function options(y, percent, open, note) {
    return {
      animation: false, // drawn at once: cheaper on old PCs, and a print or capture shows the real values
      maintainAspectRatio: false,
      scales: { y: y },
      plugins: {
        tooltip: {
          callbacks: {
            label: function (c) {
              var text = c.dataset.label + ": " + c.formattedValue + (percent() ? "%" : "");
              return c.datasetIndex === 0 && c.dataIndex === open ? text + " " + note : text;
            }
          }
        }
      }
    };
  }

  return { values: values, goal: goal, options: options };
})();
