/* The indicator page's chart: one indicator month by month, chosen in the select above it
   (the table under the chart has every figure, so the page reads without this script). */
(function () {
  "use strict";
  var source = document.getElementById("indicator-chart-data");
  var canvas = document.querySelector("canvas[data-chart=indicator]");
  var picker = document.getElementById("chart-indicator");
  if (!source || !canvas || !picker || typeof Chart === "undefined" || typeof monthChart === "undefined") { return; }
  var data = JSON.parse(source.textContent);

  function datasets(code) {
    var series = data.series[code];
    var sets = [monthChart.values(series.name, series.values, data.unfinished)];
    if (series.goal !== null) {
      sets.push(monthChart.goal(data.goal_label, data.labels, series.goal, "#1e7b34"));
    }
    return sets;
  }

  function yScale(code) {
    return data.series[code].percent ? { suggestedMin: 0, suggestedMax: 100 } : { beginAtZero: true };
  }

  var chart = new Chart(canvas, {
    type: "line",
    data: { labels: data.labels, datasets: datasets(picker.value) },
    options: monthChart.options(
      yScale(picker.value),
      function () { return data.series[picker.value].percent; },
      data.unfinished,
      data.unfinished_label
    )
  });

  picker.addEventListener("change", function () {
    chart.data.datasets = datasets(picker.value);
    chart.options.scales.y = yScale(picker.value);
    chart.update();
  });
})();
