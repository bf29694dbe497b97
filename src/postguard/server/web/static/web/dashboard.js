// The dashboard's charts, drawn with Chart.js (served by the app) from the figures the page carries as JSON.
// Each chart's figures are also in a table under it.
"use strict";

(function () {
  var COLOURS = ["#1d4f91", "#a4161a", "#1e5631", "#6b4000", "#5b2a86", "#0b6e79", "#7a2048", "#3d3d3d"];

  function draw() {
    if (typeof window.Chart === "undefined") return;
    var source = document.getElementById("dashboard-data");
    if (!source) return;
    var data = JSON.parse(source.textContent);
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.color = "#1b1b1b";
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var key = canvas.getAttribute("data-chart");
      var series = data[key];
      var config;
      if (key === "over_time") {
        config = {
          type: "line",
          data: {
            labels: series.labels,
            datasets: [
              { label: "Findings", data: series.findings, borderColor: COLOURS[1], backgroundColor: COLOURS[1], tension: 0.2 },
              { label: "Checks", data: series.checks, borderColor: COLOURS[0], backgroundColor: COLOURS[0], borderDash: [6, 4], tension: 0.2 }
            ]
          }
        };
      } else {
        config = {
          type: "bar",
          data: {
            labels: series.labels,
            datasets: [{ label: canvas.getAttribute("aria-label").split(":")[0], data: series.values,
                         backgroundColor: series.labels.map(function (_, i) { return COLOURS[i % COLOURS.length]; }) }]
          },
          options: { plugins: { legend: { display: false } } }
        };
      }
      config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }, config.options || {});
      new window.Chart(canvas, config);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
