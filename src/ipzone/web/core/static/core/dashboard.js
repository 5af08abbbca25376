// Draws one ECharts line chart per indicator card: actual values and the annual target path.
// The data comes from a <script type="application/json"> element (no inline script: the CSP
// allows scripts from 'self' only).
(function () {
  "use strict";
  var source = document.getElementById("ipzone-charts");
  if (!source || typeof echarts === "undefined") { return; }
  var charts = JSON.parse(source.textContent);
  document.querySelectorAll(".chart[data-code]").forEach(function (el) {
    var s = charts[el.getAttribute("data-code")];
    if (!s) { return; }
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      grid: { left: 48, right: 12, top: 26, bottom: 22 },
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "—" : Number(v).toFixed(s.precision) + " " + s.unit; } },
      legend: { top: 0, right: 0, itemWidth: 14, textStyle: { fontSize: 11 }, data: ["实际值", "年度目标"] },
      xAxis: { type: "category", data: s.years.map(String) },
      yAxis: { type: "value", scale: true, axisLabel: { fontSize: 11 } },
      series: [
        { name: "实际值", type: "line", data: s.values, connectNulls: false, symbolSize: 6, itemStyle: { color: "#0b5cad" } },
        { name: "年度目标", type: "line", data: s.targets, lineStyle: { type: "dashed" }, symbol: "none", itemStyle: { color: "#c77c02" } }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
