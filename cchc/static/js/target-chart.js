/* The monthly values of a target's indicator against the target (the table above has the numbers). */
(function () {
  "use strict";
  var source = document.getElementById("target-chart-data");
  var canvas = document.querySelector("canvas[data-chart=target]");
  if (!source || !canvas || typeof Chart === "undefined" || typeof monthChart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [
        monthChart.values(canvas.dataset.valueLabel, data.values, data.unfinished),
        monthChart.goal(canvas.dataset.goalLabel, data.labels, data.goal, "#b02a37")
      ]
    },
    options: monthChart.options(
      { suggestedMin: 0, suggestedMax: 100 },
      function () { return data.percent; },
      data.unfinished,
      data.unfinished_label
    )
  });
})();
