/* The monthly values of a target's indicator against the target (the table above has the numbers). */
(function () {
  "use strict";
  var source = document.getElementById("target-chart-data");
  var canvas = document.querySelector("canvas[data-chart=target]");
  if (!source || !canvas || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [
        {
          label: canvas.dataset.valueLabel, data: data.values, borderColor: "#0b4f8a", backgroundColor: "rgba(11,79,138,.12)", fill: true, pointRadius: 3, tension: 0.2, spanGaps: false,
          // the month under way counts the days so far: its segment dashed, its point hollow
          segment: { borderDash: function (c) { return c.p1DataIndex === data.unfinished ? [5, 4] : undefined; } },
          pointBackgroundColor: function (c) { return c.dataIndex === data.unfinished ? "#fff" : "#0b4f8a"; }
        },
        { label: canvas.dataset.goalLabel, data: data.labels.map(function () { return data.goal; }), borderColor: "#b02a37", borderDash: [6, 4], pointRadius: 0 }
      ]
    },
    options: {
      animation: false, // drawn at once: cheaper on old PCs, and a print or capture shows the real values
      maintainAspectRatio: false,
      scales: { y: { suggestedMin: 0, suggestedMax: 100 } },
      plugins: {
        tooltip: {
          callbacks: {
            label: function (c) {
              var text = c.dataset.label + ": " + c.formattedValue + (data.percent ? "%" : "");
              return c.datasetIndex === 0 && c.dataIndex === data.unfinished ? text + " " + data.unfinished_label : text;
            }
          }
        }
      }
    }
  });
})();
