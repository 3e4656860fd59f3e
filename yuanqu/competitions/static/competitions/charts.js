// A period's ranking as bars (highest first) and a competition's ranks across periods as lines.
document.addEventListener("DOMContentLoaded", function () {
  if (!window.echarts) return;
  function draw(id, option) {
    var el = document.getElementById(id);
    if (!el) return;
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  }
  var ranking = document.getElementById("ranking-chart-data");
  if (ranking) {
    var r = JSON.parse(ranking.textContent);
    draw("ranking-chart", {
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 16, top: 24, bottom: 30 },
      xAxis: { type: "category", data: r.zones, axisLabel: { interval: 0 } },
      yAxis: { type: "value", name: "综合得分", max: 100 },
      series: [{ name: "综合得分", type: "bar", data: r.totals, itemStyle: { color: "#2d6aa6" },
                 label: { show: true, position: "top" } }]
    });
  }
  var history = document.getElementById("history-chart-data");
  if (history) {
    var h = JSON.parse(history.textContent);
    draw("history-chart", {
      tooltip: { trigger: "axis" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 40, right: 16, top: 40, bottom: 30 },
      xAxis: { type: "category", data: h.periods },
      yAxis: { type: "value", name: "名次", inverse: true, min: 1, minInterval: 1 },
      series: h.series.map(function (s) { return { name: s.name, type: "line", data: s.ranks, connectNulls: false }; })
    });
  }
});
