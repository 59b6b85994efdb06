/* The indicator page's chart: one indicator month by month, chosen in the select above it
   (the table under the chart has every figure, so the page reads without this script). */
(function () {
  "use strict";
  var source = document.getElementById("indicator-chart-data");
  var canvas = document.querySelector("canvas[data-chart=indicator]");
  var picker = document.getElementById("chart-indicator");
  if (!source || !canvas || !picker || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var open = data.unfinished; // the month under way: its figures count the days so far

  function datasets(code) {
    var series = data.series[code];
    var sets = [{
      label: series.name, data: series.values, borderColor: "#0b4f8a",
      backgroundColor: "rgba(11,79,138,.12)", fill: true, pointRadius: 3, tension: 0.2, spanGaps: false,
      segment: { borderDash: function (c) { return c.p1DataIndex === open ? [5, 4] : undefined; } },
      pointBackgroundColor: function (c) { return c.dataIndex === open ? "#fff" : "#0b4f8a"; }
    }];
    if (series.goal !== null) {
      sets.push({
        label: data.goal_label, data: data.labels.map(function () { return series.goal; }),
        borderColor: "#1e7b34", borderDash: [6, 4], pointRadius: 0
      });
    }
    return sets;
  }

  function yScale(code) {
    return data.series[code].percent ? { suggestedMin: 0, suggestedMax: 100 } : { beginAtZero: true };
  }

  var chart = new Chart(canvas, {
    type: "line",
    data: { labels: data.labels, datasets: datasets(picker.value) },
    options: {
      animation: false, // drawn at once: cheaper on old PCs, and a print or capture shows the real values
      maintainAspectRatio: false,
      scales: { y: yScale(picker.value) },
      plugins: {
        tooltip: {
          callbacks: {
            label: function (c) {
              var text = c.dataset.label + ": " + c.formattedValue + (data.series[picker.value].percent ? "%" : "");
              return c.dataIndex === open && c.datasetIndex === 0 ? text + " " + data.unfinished_label : text;
            }
          }
        }
      }
    }
  });

  picker.addEventListener("change", function () {
    chart.data.datasets = datasets(picker.value);
    chart.options.scales.y = yScale(picker.value);
    chart.update();
  });
})();
