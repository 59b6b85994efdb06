/* Charts of the follow-up dashboards. The numbers are in the page's table; this draws them. */
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);

  // Both charts are shares of tasks: an axis from 0 to 100 written "n%", a tooltip likewise.
  function percentChart(name, type, axis, datasets, options) {
    var canvas = document.querySelector("canvas[data-chart=" + name + "]");
    if (!canvas) { return; }
    var scales = {};
    scales[axis] = { min: 0, max: 100, ticks: { callback: function (value) { return value + "%"; } } };
    options.animation = false; // drawn at once: cheaper on old PCs, and a print or capture shows the real values
    options.maintainAspectRatio = false;
    options.scales = scales;
    options.plugins = { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + c.formattedValue + "%"; } } } };
    new Chart(canvas, { type: type, data: { labels: data.labels, datasets: datasets(canvas.dataset) }, options: options });
  }

  percentChart("completion", "line", "y", function (labels) {
    return [
      { label: labels.plannedLabel, data: data.due, borderColor: "#6c757d", borderDash: [6, 4], pointRadius: 2, tension: 0.2 },
      { label: labels.doneLabel, data: data.done, borderColor: "#0b4f8a", backgroundColor: "rgba(11,79,138,.12)", fill: true, pointRadius: 3, tension: 0.2 }
    ];
  }, { spanGaps: false });
  percentChart("compare", "bar", "x", function (labels) {
    return [
      { label: labels.scheduleLabel, data: data.on_schedule, backgroundColor: "#0b4f8a" },
      { label: labels.completionLabel, data: data.completion, backgroundColor: "#9ec5fe" }
    ];
  }, { indexAxis: "y" });
})();
