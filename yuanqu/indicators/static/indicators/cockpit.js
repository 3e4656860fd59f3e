// The leader cockpit: draws every [data-chart] container from the page's "cockpit-data" JSON, opens
// the list behind a bar, point or slice when clicked (each data item carries its url), resizes the
// charts with the window, and submits the controls when a select changes.
(function () {
  "use strict";
  var TEXT = "#dce7f5", MUTED = "#8ea3bf", LINE = "#1f3a5c", SPLIT = "rgba(142, 163, 191, 0.16)";
  var CURRENT = "#4fc3f7", PRIOR = "#3f5b82", GROWTH = "#f6c343", HIGHLIGHT = "#ff8a65";
  var UP = "#3ddc97", DOWN = "#ff6b6b";
  var LINES = ["#4fc3f7", "#f6c343", "#3ddc97", "#b18cff", "#ff8a65", "#64b5f6", "#ffd54f", "#f48fb1"];
  var LIGHTS = { green: "#3ddc97", yellow: "#f6c343", red: "#ff6b6b" };
  var ZOOM_AT = 12;

  // Tooltips are HTML: zone names are typed by people, so every name goes through ECharts' escaper.
  function esc(text) { return echarts.format.encodeHTML(text === undefined || text === null ? "" : String(text)); }

  function axis(extra) {
    var base = {
      axisLine: { lineStyle: { color: LINE } }, axisTick: { lineStyle: { color: LINE } },
      axisLabel: { color: MUTED }, splitLine: { lineStyle: { color: SPLIT } },
      nameTextStyle: { color: MUTED }
    };
    for (var k in extra) { base[k] = extra[k]; }
    return base;
  }

  function tooltip(extra) {
    var base = {
      backgroundColor: "rgba(11, 22, 38, 0.94)", borderColor: LINE, textStyle: { color: TEXT },
      confine: true
    };
    for (var k in extra) { base[k] = extra[k]; }
    return base;
  }

  function fmt(v, suffix) {
    return v === null || v === undefined ? "—" : v + suffix;
  }

  // A slider under (or beside) a chart with more categories than fit.
  function zoom(count, vertical) {
    if (count <= ZOOM_AT) return [];
    var slider = { type: "slider", startValue: 0, endValue: ZOOM_AT - 1, showDetail: false,
                   borderColor: LINE, fillerColor: "rgba(79, 195, 247, 0.2)", textStyle: { color: MUTED } };
    if (vertical) { slider.yAxisIndex = 0; slider.right = 4; slider.width = 12; }
    else { slider.height = 14; slider.bottom = 6; }
    return [slider, { type: "inside", yAxisIndex: vertical ? 0 : undefined, startValue: 0, endValue: ZOOM_AT - 1 }];
  }

  function rows(items, lines) {
    return items.map(function (p) {
      return p.marker + esc(p.seriesName) + ":" + lines(p);
    }).join("<br>");
  }

  var builders = {
    // This period and last year's as bars, the growth as a line on the right axis.
    yoy: function (d) {
      var n = d.categories.length;
      return {
        legend: { top: 0, textStyle: { color: TEXT } },
        tooltip: tooltip({ trigger: "axis", axisPointer: { type: "shadow" }, formatter: function (ps) {
          return esc(ps[0].name) + "<br>" + rows(ps, function (p) {
            return p.seriesType === "line" ? fmt(p.value, "%") : fmt(p.value, d.unit);
          });
        } }),
        grid: { left: 52, right: 52, top: 58, bottom: n > ZOOM_AT ? 64 : 34 },
        xAxis: axis({ type: "category", data: d.categories,
                      axisLabel: { color: MUTED, interval: 0, rotate: n > 5 ? 30 : 0 } }),
        yAxis: [axis({ type: "value", name: d.unit }),
                axis({ type: "value", name: "同比%", splitLine: { show: false },
                       axisLabel: { color: MUTED, formatter: "{value}%" } })],
        dataZoom: zoom(n, false),
        series: [
          { name: d.names[0], type: "bar", barMaxWidth: 26, itemStyle: { color: CURRENT, borderRadius: [3, 3, 0, 0] },
            data: d.current.map(function (x) {
              return x.hl ? { value: x.value, url: x.url, itemStyle: { color: HIGHLIGHT } } : x;
            }) },
          { name: d.names[1], type: "bar", barMaxWidth: 26, itemStyle: { color: PRIOR, borderRadius: [3, 3, 0, 0] },
            data: d.prior },
          { name: "同比增速", type: "line", yAxisIndex: 1, data: d.growth, symbolSize: 8,
            itemStyle: { color: GROWTH }, lineStyle: { color: GROWTH, width: 2 },
            label: { show: n <= 8, position: "top", color: GROWTH, backgroundColor: "rgba(11, 22, 38, 0.75)",
                     padding: [1, 4], borderRadius: 3, formatter: function (p) { return fmt(p.value, "%"); } } }
        ]
      };
    },

    trend: function (d) {
      var one = d.series.length === 1;
      var series = [];
      d.series.forEach(function (s, i) {
        var color = LINES[i % LINES.length];
        // A cumulative indicator: one segment per year, under one legend entry (same name, same colour).
        var years = d.segment ? d.years.filter(function (y, j) { return d.years.indexOf(y) === j; }) : [null];
        years.forEach(function (year) {
          series.push({
            name: s.name, type: "line", smooth: 0.2, connectNulls: false, symbolSize: 7, showAllSymbol: true,
            itemStyle: { color: color }, lineStyle: { width: 2, color: color },
            data: s.data.map(function (x, j) {
              return year === null || d.years[j] === year ? x : { value: null };
            }),
            areaStyle: one ? { color: new echarts.graphic.LinearGradient(0, 0, 0, 1, [
              { offset: 0, color: "rgba(79, 195, 247, 0.35)" }, { offset: 1, color: "rgba(79, 195, 247, 0)" }]) } : undefined
          });
        });
      });
      return {
        legend: { show: !one, top: 0, type: "scroll", textStyle: { color: TEXT }, pageTextStyle: { color: MUTED },
                  pageIconColor: CURRENT, pageIconInactiveColor: LINE },
        tooltip: tooltip({ trigger: "axis", formatter: function (ps) {
          var shown = ps.filter(function (p) { return p.value !== null && p.value !== undefined; });
          return esc(ps[0].name) + "<br>" + rows(shown, function (p) { return fmt(p.value, d.unit); });
        } }),
        grid: { left: 52, right: 20, top: one ? 30 : 60, bottom: 30 },
        xAxis: axis({ type: "category", data: d.categories, boundaryGap: false }),
        yAxis: axis({ type: "value", name: d.unit }),
        series: series
      };
    },

    // Zones by growth, best at the top.
    ranking: function (d) {
      var n = d.categories.length;
      return {
        tooltip: tooltip({ trigger: "axis", axisPointer: { type: "shadow" }, formatter: function (ps) {
          return esc(ps[0].name) + ":同比 " + esc(ps[0].data.label);
        } }),
        grid: { left: 88, right: n > ZOOM_AT ? 60 : 44, top: 10, bottom: 24 },
        xAxis: axis({ type: "value", axisLabel: { color: MUTED, formatter: "{value}%" } }),
        yAxis: axis({ type: "category", inverse: true, data: d.categories, axisTick: { show: false },
                      axisLabel: { color: TEXT, interval: 0 } }),
        dataZoom: zoom(n, true),
        series: [{ type: "bar", barMaxWidth: 18, name: "同比增速",
          data: d.data.map(function (x) {
            var color = x.hl ? HIGHLIGHT : (x.value < 0 ? DOWN : UP);
            return { value: x.value, url: x.url, label: x.label, itemStyle: { color: color, borderRadius: 3 } };
          }),
          label: { show: true, position: "right", color: TEXT, formatter: function (p) { return p.data.label; } } }]
      };
    },

    // The lifecycle as a funnel of centred bars: an invisible offset, then the count.
    stages: function (d) {
      var max = Math.max.apply(null, d.data.map(function (x) { return x.value; }).concat([1]));
      var palette = ["#2c6fb7", "#3182c8", "#3a95d4", "#43a6d9", "#4fb6d6", "#56c3c9", "#5ccdb4", "#5fd49c", "#64d884"];
      return {
        tooltip: tooltip({ trigger: "item", formatter: function (p) { return esc(p.name) + ":" + p.value + "个"; } }),
        grid: { left: 64, right: 10, top: 8, bottom: 8 },
        xAxis: { type: "value", show: false, max: max },
        yAxis: axis({ type: "category", inverse: true, data: d.data.map(function (x) { return x.name; }),
                      axisLine: { show: false }, axisTick: { show: false }, axisLabel: { color: TEXT } }),
        series: [
          { type: "bar", stack: "f", silent: true, itemStyle: { color: "transparent" }, tooltip: { show: false },
            data: d.data.map(function (x) { return (max - x.value) / 2; }) },
          { type: "bar", stack: "f", name: "项目数", barCategoryGap: "18%",
            data: d.data.map(function (x, i) {
              return { name: x.name, value: x.value, url: x.url, itemStyle: { color: palette[i % palette.length], borderRadius: 3 } };
            }),
            label: { show: true, position: "inside", color: "#06121f", fontWeight: "bold",
                     formatter: function (p) { return p.value ? p.value : ""; } } }
        ]
      };
    },

    lights: function (d) {
      var total = d.data.reduce(function (a, x) { return a + x.value; }, 0);
      return {
        tooltip: tooltip({ trigger: "item", formatter: function (p) { return esc(p.name) + ":" + p.value + "个(" + p.percent + "%)"; } }),
        legend: { bottom: 0, itemWidth: 12, itemHeight: 12, textStyle: { color: TEXT },
                  formatter: function (name) {
                    var item = d.data.filter(function (x) { return x.name === name; })[0];
                    return name + " " + (item ? item.value : 0);
                  } },
        title: { text: String(total), subtext: "有灯号", left: "center", top: "34%",
                 textStyle: { color: "#fff", fontSize: 22 }, subtextStyle: { color: MUTED } },
        series: [{ type: "pie", radius: ["46%", "68%"], center: ["50%", "45%"],
          itemStyle: { borderColor: "#102238", borderWidth: 2 },
          label: { show: true, position: "inside", color: "#06121f", fontWeight: "bold",
                   formatter: function (p) { return p.value ? String(p.value) : ""; } },
          data: d.data.map(function (x) {
            return { name: x.name, value: x.value, url: x.url, itemStyle: { color: LIGHTS[x.key] } };
          }) }]
      };
    },

    appeals: function (d) {
      var n = d.categories.length;
      return {
        legend: { top: 0, textStyle: { color: TEXT } },
        tooltip: tooltip({ trigger: "axis", axisPointer: { type: "shadow" }, formatter: function (ps) {
          return esc(ps[0].name) + "<br>" + rows(ps, function (p) {
            return fmt(p.value, "%") + "(" + p.data.num + "/" + p.data.den + ")";
          });
        } }),
        grid: { left: 48, right: 16, top: 50, bottom: n > ZOOM_AT ? 64 : 34 },
        xAxis: axis({ type: "category", data: d.categories, axisLabel: { color: MUTED, interval: 0, rotate: n > 5 ? 30 : 0 } }),
        yAxis: axis({ type: "value", min: 0, max: 100, axisLabel: { color: MUTED, formatter: "{value}%" } }),
        dataZoom: zoom(n, false),
        series: d.series.map(function (s, i) {
          return { name: s.name, type: "bar", barMaxWidth: 22, data: s.data,
                   itemStyle: { color: i === 0 ? UP : CURRENT, borderRadius: [3, 3, 0, 0] },
                   label: { show: n <= 8, position: "top", color: TEXT, fontSize: 10,
                            formatter: function (p) { return fmt(p.value, "%"); } } };
        })
      };
    }
  };

  function autoSubmit() {
    var form = document.querySelector(".ck-controls");
    if (!form) return;
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (select) {
      select.addEventListener("change", function () { form.submit(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    autoSubmit();
    var source = document.getElementById("cockpit-data");
    if (!source || !window.echarts) return;
    var data = JSON.parse(source.textContent);
    var charts = [];
    Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), function (el) {
      var name = el.getAttribute("data-chart");
      if (!data[name] || !builders[name]) return;
      var chart = echarts.init(el, null, { renderer: "canvas" });
      var option = builders[name](data[name]);
      option.backgroundColor = "transparent";
      option.textStyle = { fontFamily: "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif" };
      // Marked once drawn and animated: a click lands where the bar finally is (the browser test waits on it).
      chart.on("finished", function () { el.setAttribute("data-ready", "1"); });
      chart.setOption(option);
      chart.on("click", function (p) {
        if (p.data && p.data.url) window.location.href = p.data.url;
      });
      charts.push(chart);
    });
    var pending = null;
    window.addEventListener("resize", function () {
      clearTimeout(pending);
      pending = setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 120);
    });
  });
})();
