// Renders every .subsidy-chart from its data-chart JSON ({categories, series: [{name, data}], unit}) as a bar chart.
// Loaded as a file: the CSP allows no inline scripts or style attributes.
(function () {
  'use strict';
  function render(element) {
    var spec = JSON.parse(element.getAttribute('data-chart'));
    if (!spec.categories.length || !spec.series.length) {
      return;
    }
    element.style.height = Math.max(320, spec.categories.length * (spec.series.length > 2 ? 28 : 40)) + 'px';
    var stacked = spec.series.length > 2;
    var chart = echarts.init(element);
    chart.setOption({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: spec.unit },
      yAxis: { type: 'category', data: spec.categories, inverse: true },
      series: spec.series.map(function (s) {
        return { name: s.name, type: 'bar', stack: stacked ? 'total' : undefined,
          data: s.data.map(function (v) { return v === null ? null : Number(v); }) };
      })
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  document.querySelectorAll('.subsidy-chart').forEach(render);
})();
