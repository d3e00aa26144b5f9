'use strict';
// Admin health: each James node (last event, last heartbeat, spool backlog, dead letters, errors), the ingest
// rate, the latest rejected events with their reasons, and pending reports (GET /api/v1/admin/health, again every 30 s), and the effective configuration with
// secrets masked by the service (GET /api/v1/admin/config). Every value goes in as text.
(function () {
  var REFRESH_MS = 30000;
  var STALE_MS = 5 * 60 * 1000;
  var el = Receipts.el;
  var status = document.getElementById('status');
  var updated = document.getElementById('health-updated');
  var timer = null;

  function number(value) {
    return typeof value === 'number' ? value.toLocaleString() : (value === null || value === undefined ? '—' : String(value));
  }

  function seenText(instant) {
    if (!instant) {
      return 'never';
    }
    var age = Date.now() - new Date(instant).getTime();
    if (isNaN(age)) {
      return String(instant);
    }
    var minutes = Math.round(age / 60000);
    return Receipts.when(instant) + (minutes < 1 ? ' (just now)' : ' (' + minutes + ' min ago)');
  }

  function renderNodes(nodes) {
    var container = Receipts.clear(document.getElementById('nodes'));
    if (!nodes.length) {
      container.appendChild(el('p', 'hint', 'No James node has reported yet. A node reports with its first event '
        + 'or heartbeat once its mailets are configured with this service\'s address and ingest token.'));
      return;
    }
    var table = Receipts.table('James nodes', ['Node', 'Last event', 'Last seen', 'Spool backlog', 'Dead letters',
      'Errors', 'Events in the last hour', 'Condition'], 'nodes');
    nodes.forEach(function (node) {
      var row = el('tr', 'node');
      var stale = !node.lastSeenAt || Date.now() - new Date(node.lastSeenAt).getTime() > STALE_MS;
      var troubled = (node.deadLetters || 0) > 0 || (node.errors || 0) > 0;
      row.setAttribute('data-node', String(node.node || ''));
      row.setAttribute('data-spool-backlog', String(node.spoolBacklog === undefined ? '' : node.spoolBacklog));
      row.setAttribute('data-stale', stale ? 'true' : 'false');
      Receipts.cell(row, 'Node', node.node || '(unnamed)', 'node');
      Receipts.cell(row, 'Last event', seenText(node.lastEventAt), 'lastEventAt');
      Receipts.cell(row, 'Last seen', seenText(node.lastSeenAt), 'lastSeenAt');
      ['spoolBacklog', 'deadLetters', 'errors', 'eventsLastHour'].forEach(function (key, index) {
        var td = Receipts.cell(row, ['Spool backlog', 'Dead letters', 'Errors', 'Events in the last hour'][index],
          number(node[key]), key);
        td.classList.add('number');
      });
      var condition = stale ? 'Not seen for over 5 minutes: down, or cannot reach this service (its events wait in '
        + 'its spool)' : troubled ? 'Running, with errors or dead letters to look at' : 'Running';
      if ((node.deadLetters || 0) > 0 && node.lastDeadReason) {
        condition += '. Last event set aside in its spool\'s dead/: ' + node.lastDeadReason;
      }
      var cell = Receipts.cell(row, 'Condition', condition, 'condition');
      cell.classList.add(stale || troubled ? 'error' : 'ok');
      table.body.appendChild(row);
    });
    container.appendChild(table.wrapper);
  }

  function renderIngest(health) {
    var ingest = health.ingest || {};
    var facts = {
      'Events in the last minute': number(ingest.eventsLastMinute),
      'Events in the last hour': number(ingest.eventsLastHour),
      'Events rejected in the last hour': number(ingest.rejectedLastHour),
      'Events rejected in all': number(ingest.rejectedTotal),
      'Reports not matched to a message yet': number(health.pendingReports)
    };
    var list = Receipts.definitionList(facts, null, 'data-ingest');
    var old = document.getElementById('ingest');
    list.id = 'ingest';
    list.setAttribute('data-health-ingest', '');
    old.parentNode.replaceChild(list, old);
    renderRejected(Array.isArray(health.recentRejected) ? health.recentRejected : []);
  }

  function renderRejected(rejected) {
    var container = Receipts.clear(document.getElementById('rejected'));
    if (!rejected.length) {
      container.appendChild(el('p', 'hint', 'No event was rejected.'));
      return;
    }
    var table = Receipts.table('Rejected events', ['Received', 'Event id', 'Reason'], 'rejected');
    rejected.forEach(function (item) {
      var row = el('tr', 'rejected-event');
      row.setAttribute('data-event-id', String(item.eventId || ''));
      Receipts.cell(row, 'Received', Receipts.when(item.receivedAt), 'receivedAt');
      Receipts.cell(row, 'Event id', item.eventId || '(none)', 'eventId');
      Receipts.cell(row, 'Reason', item.reason || '', 'reason');
      table.body.appendChild(row);
    });
    container.appendChild(table.wrapper);
  }

  function loadHealth() {
    return Receipts.getJson('/api/v1/admin/health').then(function (health) {
      renderNodes(Array.isArray(health && health.nodes) ? health.nodes : []);
      renderIngest(health || {});
      updated.textContent = 'Updated ' + new Date().toLocaleTimeString() + '; refreshed every 30 seconds.';
      document.body.setAttribute('data-health-updated', new Date().toISOString());
      status.hidden = true;
    }).catch(function (error) {
      Receipts.showError(status, 'Could not load the health figures', error);
      throw error;
    });
  }

  // The configuration: {"key": "value", …} or [{"key"|"name", "value", …}, …], shown as given.
  function configEntries(config) {
    if (Array.isArray(config)) {
      return config.map(function (entry) {
        return { key: String(entry.key || entry.name || ''), value: entry.value, source: entry.source };
      });
    }
    var settings = config && config.settings && typeof config.settings === 'object' ? config.settings : config || {};
    return Object.keys(settings).sort().map(function (key) {
      return { key: key, value: settings[key] };
    });
  }

  function loadConfig() {
    var configStatus = document.getElementById('config-status');
    return Receipts.getJson('/api/v1/admin/config').then(function (config) {
      var entries = configEntries(config);
      var hasSource = entries.some(function (entry) {
        return entry.source;
      });
      var table = Receipts.table('Effective configuration', hasSource ? ['Setting', 'Value', 'From'] : ['Setting',
        'Value'], 'config');
      entries.forEach(function (entry) {
        var row = el('tr');
        var value = Receipts.plain(entry.value);
        row.setAttribute('data-config-key', entry.key);
        if (/^\*+$/.test(value)) {
          row.setAttribute('data-masked', 'true');
        }
        Receipts.cell(row, 'Setting', el('code', null, entry.key), 'key');
        Receipts.cell(row, 'Value', /^\*+$/.test(value) ? value + ' (secret, masked)' : value, 'value');
        if (hasSource) {
          Receipts.cell(row, 'From', entry.source || '', 'source');
        }
        table.body.appendChild(row);
      });
      Receipts.clear(document.getElementById('config')).appendChild(table.wrapper);
      configStatus.hidden = true;
    }).catch(function (error) {
      Receipts.showError(configStatus, 'Could not load the configuration', error);
    });
  }

  document.getElementById('config-filter').addEventListener('input', function (event) {
    var needle = String(event.target.value || '').trim().toLowerCase();
    Array.prototype.forEach.call(document.querySelectorAll('#config tr[data-config-key]'), function (row) {
      row.hidden = needle !== '' && row.getAttribute('data-config-key').toLowerCase().indexOf(needle) < 0;
    });
  });

  document.getElementById('health-refresh').addEventListener('click', function () {
    loadHealth().catch(function () {
      // shown in the status line
    });
  });

  Receipts.start('health').then(function (me) {
    if (!Receipts.showSectionsFor(me)) {
      Receipts.showStatus(status, 'This page is for administrators; your account does not have that role.', 'error');
      Receipts.markLoaded('true');
      return null;
    }
    return Promise.all([loadHealth(), loadConfig()]).then(function () {
      Receipts.markLoaded('true');
      timer = window.setInterval(function () {
        loadHealth().catch(function () {
          // shown in the status line; the next refresh tries again
        });
      }, REFRESH_MS);
    });
  }).catch(function (error) {
    if (timer) {
      window.clearInterval(timer);
    }
    Receipts.showError(status, 'Could not load the health page', error);
    Receipts.markLoaded('error');
  });
})();
