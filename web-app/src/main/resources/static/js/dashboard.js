// Draws the dashboard charts from the JSON block the server rendered (no inline script: the CSP forbids it).
(function () {
  var dataElement = document.getElementById('dashboard-data');
  if (!dataElement || typeof echarts === 'undefined') {
    return;
  }
  var data = JSON.parse(dataElement.textContent);
  var labels = document.getElementById('dashboard-labels').dataset;

  var units = echarts.init(document.getElementById('chart-units'));
  units.setOption({
    tooltip: {trigger: 'axis', valueFormatter: function (v) { return v == null ? '—' : v + '%'; }},
    legend: {data: [labels.paid, labels.required, labels.special]},
    grid: {left: 40, right: 10, bottom: 80},
    xAxis: {type: 'category', data: data.units, axisLabel: {rotate: 45, interval: 0}},
    yAxis: {type: 'value', max: 100, axisLabel: {formatter: '{value}%'}},
    series: [
      {name: labels.paid, type: 'bar', data: data.paidRate},
      {name: labels.required, type: 'line', step: 'middle', data: data.requiredRate},
      {name: labels.special, type: 'scatter', data: data.specialRate}
    ]
  });

  var trendElement = document.getElementById('chart-trend');
  var trend = echarts.init(trendElement);
  trend.setOption({
    title: data.trendDates.length ? undefined : {text: labels.empty, left: 'center', top: 'middle', textStyle: {fontSize: 13, color: '#6c757d'}},
    tooltip: {trigger: 'axis', valueFormatter: function (v) { return v == null ? '—' : v + '%'; }},
    grid: {left: 40, right: 10, bottom: 30},
    xAxis: {type: 'category', data: data.trendDates},
    yAxis: {type: 'value', max: 100, axisLabel: {formatter: '{value}%'}},
    series: [{name: labels.paid, type: 'line', smooth: true, areaStyle: {}, data: data.trendPaidRate}]
  });

  window.addEventListener('resize', function () {
    units.resize();
    trend.resize();
  });
})();
