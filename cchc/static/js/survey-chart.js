// The survey results page: satisfaction per element as horizontal bars (0–100%).
(function () {
  var source = document.getElementById("survey-chart-data");
  var canvas = document.querySelector("canvas[data-chart=survey]");
  if (!source || !canvas || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: [{ label: "% hài lòng", data: data.values, backgroundColor: "#0b4f8a" }] },
    options: {
      indexAxis: "y", maintainAspectRatio: false, animation: false,
      scales: { x: { min: 0, max: 100 } }, plugins: { legend: { display: false } }
    }
  });
})();
