/* Charts of the follow-up dashboards. The numbers are in the page's table; this draws them. */
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var percent = function (value) { return value + "%"; };
  var completion = document.querySelector("canvas[data-chart=completion]");
  if (completion) {
    new Chart(completion, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          { label: completion.dataset.plannedLabel, data: data.due, borderColor: "#6c757d", borderDash: [6, 4], pointRadius: 2, tension: 0.2 },
          { label: completion.dataset.doneLabel, data: data.done, borderColor: "#0b4f8a", backgroundColor: "rgba(11,79,138,.12)", fill: true, pointRadius: 3, tension: 0.2 }
        ]
      },
      options: {
        animation: false, // drawn at once: cheaper on old PCs, and a print or capture shows the real values
        maintainAspectRatio: false, spanGaps: false,
        scales: { y: { min: 0, max: 100, ticks: { callback: percent } } },
        plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + c.formattedValue + "%"; } } } }
      }
    });
  }
  var compare = document.querySelector("canvas[data-chart=compare]");
  if (compare) {
    new Chart(compare, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { label: compare.dataset.scheduleLabel, data: data.on_schedule, backgroundColor: "#0b4f8a" },
          { label: compare.dataset.completionLabel, data: data.completion, backgroundColor: "#9ec5fe" }
        ]
      },
      options: {
        animation: false, // drawn at once: cheaper on old PCs, and a print or capture shows the real values
        indexAxis: "y", maintainAspectRatio: false,
        scales: { x: { min: 0, max: 100, ticks: { callback: percent } } },
        plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + c.formattedValue + "%"; } } } }
      }
    });
  }
})();
