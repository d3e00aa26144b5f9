'use strict';
// Charts drawn with ECharts (the org.webjars.npm:echarts webjar, /webjars/echarts/5.3.1/dist/echarts.min.js):
// receipt outcomes over time (GET /api/v1/stats/outcomes), failures by recipient domain and by status code class
// (GET /api/v1/stats/failures), and the time from sending to "displayed" (GET /api/v1/stats/time-to-displayed).
// Each chart has its figures as a table beside it and a summary in its aria-label. Tooltips render as canvas
// text (renderMode richText), never as HTML, so domain names stay inert.
(function () {
  var el = Receipts.el;
  var status = document.getElementById('status');
  var form = document.getElementById('charts-filter');
  var charts = {};

  var OUTCOMES = [
    { key: 'delivered', name: 'Delivered', color: '#1a7f37' },
    { key: 'failed', name: 'Failed', color: '#a40e26' },
    { key: 'delayed', name: 'Delayed', color: '#b35900' },
    { key: 'relayed', name: 'Relayed (no more news)', color: '#6f42c1' },
    { key: 'displayed', name: 'Displayed', color: '#0b5cad' },
    { key: 'noReceipt', name: 'No receipt (unknown, not unread)', color: '#57606a' }
  ];

  function sum(items, key) {
    return items.reduce(function (total, item) {
      return total + (Number(item[key]) || 0);
    }, 0);
  }

  // "PT1H12M30S" -> "1 h 12 min 30 s".
  function durationText(iso) {
    var match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(String(iso || ''));
    if (!match) {
      return String(iso || '');
    }
    var parts = [];
    [[match[1], 'd'], [match[2], 'h'], [match[3], 'min'], [match[4], 's']].forEach(function (part) {
      if (part[0] && Number(part[0]) > 0) {
        parts.push(Math.round(Number(part[0])) + ' ' + part[1]);
      }
    });
    return parts.length ? parts.join(' ') : 'under a second';
  }

  function base() {
    return {
      animation: false,
      aria: { enabled: true, decal: { show: true } },
      tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      textStyle: { fontFamily: 'system-ui, sans-serif' }
    };
  }

  // Draws into a [data-chart] box, or says why not; label is the box's text alternative.
  function draw(key, option, label, empty) {
    var box = document.querySelector('[data-chart="' + key + '"]');
    box.setAttribute('aria-label', label);
    if (charts[key]) {
      charts[key].dispose();
      charts[key] = null;
    }
    Receipts.clear(box);
    if (empty) {
      box.classList.add('chart-empty');
      box.setAttribute('data-chart-rendered', 'empty');
      box.appendChild(el('p', 'hint', 'Nothing to show for this period.'));
      return;
    }
    box.classList.remove('chart-empty');
    if (!window.echarts) {
      box.setAttribute('data-chart-rendered', 'no-library');
      box.appendChild(el('p', 'hint', 'The chart library did not load; the table below has the same figures.'));
      return;
    }
    charts[key] = window.echarts.init(box, null, { renderer: 'canvas' });
    charts[key].setOption(Object.assign(base(), option));
    box.setAttribute('data-chart-rendered', 'true');
  }

  function figures(key, caption, headers, rows, attribute) {
    var table = Receipts.table(caption, headers, 'figures');
    rows.forEach(function (values) {
      var row = el('tr');
      row.setAttribute(attribute, String(values[0]));
      values.forEach(function (value, index) {
        var td = Receipts.cell(row, headers[index], typeof value === 'number' ? value.toLocaleString() : value);
        if (typeof value === 'number') {
          td.classList.add('number');
        }
      });
      table.body.appendChild(row);
    });
    Receipts.clear(document.querySelector('[data-chart-table="' + key + '"]')).appendChild(table.wrapper);
  }

  function outcomes(data, days) {
    var items = Array.isArray(data && data.days) ? data.days : [];
    var totals = OUTCOMES.map(function (outcome) {
      return sum(items, outcome.key) + ' ' + outcome.name.toLowerCase();
    }).join(', ');
    draw('outcomes', {
      legend: { top: 0, type: 'scroll' },
      xAxis: { type: 'category', data: items.map(function (item) { return item.day; }) },
      yAxis: { type: 'value', minInterval: 1, name: 'recipients' },
      series: OUTCOMES.map(function (outcome) {
        return {
          name: outcome.name, type: 'line', symbolSize: 6, color: outcome.color,
          data: items.map(function (item) { return Number(item[outcome.key]) || 0; })
        };
      })
    }, 'Receipt outcomes per recipient over the last ' + days + ' days: ' + totals
      + '. The table below has the figures per day.', items.length === 0);
    figures('outcomes', 'Receipt outcomes per day', ['Day'].concat(OUTCOMES.map(function (o) { return o.name; })),
      items.map(function (item) {
        return [item.day].concat(OUTCOMES.map(function (o) { return Number(item[o.key]) || 0; }));
      }), 'data-day');
  }

  function failures(data) {
    var byDomain = Array.isArray(data && data.byDomain) ? data.byDomain : [];
    var byClass = Array.isArray(data && data.byStatusClass) ? data.byStatusClass : [];
    var domains = byDomain.slice(0, 15);
    draw('failures-domain', {
      tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
      xAxis: { type: 'value', minInterval: 1, name: 'failed' },
      yAxis: { type: 'category', inverse: true, data: domains.map(function (item) { return String(item.domain); }) },
      series: [{ name: 'Failed', type: 'bar', color: '#a40e26', data: domains.map(function (item) { return item.failed; }) }]
    }, 'Failed deliveries by recipient domain: ' + (byDomain.length ? byDomain.slice(0, 5).map(function (item) {
      return item.domain + ' ' + item.failed;
    }).join(', ') + (byDomain.length > 5 ? ', and more in the table below.' : '.') : 'none.'), byDomain.length === 0);
    figures('failures-domain', 'Failed deliveries by recipient domain', ['Domain', 'Failed'],
      byDomain.map(function (item) { return [String(item.domain), Number(item.failed) || 0]; }), 'data-domain');

    var classLabel = function (item) {
      return item['class'] + (item.label ? ' ' + item.label : '');
    };
    draw('failures-class', {
      xAxis: { type: 'category', data: byClass.map(classLabel), axisLabel: { interval: 0, rotate: 20 } },
      yAxis: { type: 'value', minInterval: 1, name: 'failed' },
      series: [{ name: 'Failed', type: 'bar', color: '#b35900', data: byClass.map(function (item) { return item.failed; }) }]
    }, 'Failed deliveries by reason (status code class): ' + (byClass.length ? byClass.map(function (item) {
      return classLabel(item) + ' ' + item.failed;
    }).join(', ') + '.' : 'none.'), byClass.length === 0);
    figures('failures-class', 'Failed deliveries by reason', ['Status class', 'Reason', 'Failed'],
      byClass.map(function (item) { return [String(item['class']), item.label || '', Number(item.failed) || 0]; }),
      'data-status-class');
  }

  function timeToDisplayed(data) {
    var buckets = Array.isArray(data && data.buckets) ? data.buckets : [];
    var median = data && data.median ? durationText(data.median) : null;
    var medianLine = document.getElementById('ttd-median');
    medianLine.textContent = median ? 'Median: ' + median + ', for recipients whose mail program sent a read receipt.'
      : 'No read receipt in this period, so no median.';
    medianLine.setAttribute('data-median', data && data.median ? String(data.median) : '');
    var total = sum(buckets, 'count');
    draw('time-to-displayed', {
      xAxis: { type: 'category', data: buckets.map(function (item) { return String(item.label); }) },
      yAxis: { type: 'value', minInterval: 1, name: 'recipients' },
      series: [{ name: 'Displayed', type: 'bar', color: '#0b5cad', data: buckets.map(function (item) { return item.count; }) }]
    }, 'Time from sending to displayed, ' + total + ' recipients: ' + buckets.map(function (item) {
      return item.label + ' ' + item.count;
    }).join(', ') + (median ? '; median ' + median + '.' : '.'), total === 0);
    figures('time-to-displayed', 'Time from sending to displayed', ['Time', 'Recipients'],
      buckets.map(function (item) { return [String(item.label), Number(item.count) || 0]; }), 'data-bucket');
  }

  function load() {
    var days = form.elements.days.value;
    var query = Receipts.query({ days: days });
    Receipts.showStatus(status, 'Loading…', 'busy');
    return Promise.all([
      Receipts.getJson('/api/v1/stats/outcomes' + query).then(function (data) { outcomes(data, days); }),
      Receipts.getJson('/api/v1/stats/failures' + query).then(failures),
      Receipts.getJson('/api/v1/stats/time-to-displayed' + query).then(timeToDisplayed)
    ]).then(function () {
      Receipts.showStatus(status, 'Figures for the last ' + days + ' days.', 'ok');
      Receipts.markLoaded('true');
    }).catch(function (error) {
      Receipts.showError(status, 'Could not load the figures', error);
      Receipts.markLoaded('error');
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    load();
  });

  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (key) {
      if (charts[key]) {
        charts[key].resize();
      }
    });
  });

  Receipts.start('charts').then(function (me) {
    var everyone = Receipts.hasRole(me, 'compliance') || Receipts.hasRole(me, 'admin');
    document.getElementById('charts-scope').textContent = (everyone ? 'Everyone\'s messages' : 'Your own messages')
      + ': receipt outcomes per recipient, by the day the message was sent.';
    return load();
  }).catch(function (error) {
    Receipts.showError(status, 'Could not load the charts', error);
    Receipts.markLoaded('error');
  });
})();
