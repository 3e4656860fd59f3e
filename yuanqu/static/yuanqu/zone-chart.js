// The city viewer's bar chart of enterprises per zone; a bar opens that zone's enterprise list.
document.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("zone-chart");
  var data = JSON.parse(document.getElementById("zone-chart-data").textContent);
  if (!el || !window.echarts) return;
  var chart = echarts.init(el, null, { renderer: "svg" });
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { data: ["企业", "规上企业"], top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 30 },
    xAxis: { type: "category", data: data.zones, axisLabel: { interval: 0 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: "企业", type: "bar", data: data.enterprises, itemStyle: { color: "#2d6aa6" } },
      { name: "规上企业", type: "bar", data: data.above, itemStyle: { color: "#d68910" } }
    ]
  });
  chart.on("click", function (p) { window.location.href = data.urls[p.dataIndex]; });
  window.addEventListener("resize", function () { chart.resize(); });
});
