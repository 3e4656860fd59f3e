// Department scores of appeals: one line per department over the last months, for the rate picked
// in the select (four rates on one chart would be unreadable). A null month (nothing to count) breaks the line.
document.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("score-chart");
  var source = document.getElementById("score-chart-data");
  var picker = document.getElementById("score-rate");
  if (!el || !source || !window.echarts) return;
  var data = JSON.parse(source.textContent);
  var chart = echarts.init(el, null, { renderer: "svg" });

  function draw(key) {
    var rate = data.rates.filter(function (r) { return r.key === key; })[0] || data.rates[0];
    chart.setOption({
      tooltip: {
        trigger: "axis",
        valueFormatter: function (v) { return v === null || v === undefined ? "—" : v + "%"; }
      },
      legend: { type: "scroll", top: 0, itemGap: 16 },
      grid: { left: 44, right: 16, top: 44, bottom: 30 },
      xAxis: { type: "category", data: data.months },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      series: data.series.map(function (s) {
        // Symbols always shown: a month between two empty ones is a lone point, not a line.
        return { name: s.name, type: "line", connectNulls: false, showSymbol: true, showAllSymbol: true,
                 symbolSize: 7, data: s.values[rate.key] };
      })
    }, { replaceMerge: ["series"] });
  }

  draw(picker ? picker.value : data.rates[0].key);
  if (picker) picker.addEventListener("change", function () { draw(picker.value); });
  window.addEventListener("resize", function () { chart.resize(); });
});
