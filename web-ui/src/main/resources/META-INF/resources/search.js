'use strict';
// Compliance search of the receipt log: reports (GET /api/v1/compliance/reports, correlated or not) and messages
// (GET /api/v1/compliance/messages), each with its count (…/count) and keyset "more", and streamed exports as CSV
// or JSON (…/export?format=) with progress (Receipts.exportStream in common.js). Every value goes in as text.
(function () {
  var SIZE = 50;
  var el = Receipts.el;
  var words = Receipts.words;
  var status = document.getElementById('status');
  var KINDS = ['reports', 'messages'];
  var NOUN = { reports: 'report', messages: 'message' };
  var panels = {};

  // --- tabs -----------------------------------------------------------------------------------------------

  var tabs = Array.prototype.slice.call(document.querySelectorAll('[data-search-tab]'));

  function select(kind, focus) {
    tabs.forEach(function (tab) {
      var selected = tab.getAttribute('data-search-tab') === kind;
      tab.setAttribute('aria-selected', selected ? 'true' : 'false');
      tab.tabIndex = selected ? 0 : -1;
      if (selected && focus) {
        tab.focus();
      }
    });
    KINDS.forEach(function (other) {
      document.getElementById('panel-' + other).hidden = other !== kind;
    });
    document.body.setAttribute('data-search-tab', kind);
  }

  tabs.forEach(function (tab, index) {
    tab.addEventListener('click', function () {
      select(tab.getAttribute('data-search-tab'), false);
    });
    tab.addEventListener('keydown', function (event) {
      var step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (event.key === 'Home' || event.key === 'End') {
        step = event.key === 'Home' ? -index : tabs.length - 1 - index;
      }
      if (step) {
        event.preventDefault();
        var next = tabs[(index + step + tabs.length) % tabs.length];
        select(next.getAttribute('data-search-tab'), true);
      }
    });
  });

  // --- rows -----------------------------------------------------------------------------------------------

  function reportRow(item) {
    var row = el('tr', 'report-row');
    var recipients = item.recipients || [];
    row.setAttribute('data-report-id', String(item.id));
    row.setAttribute('data-report-type', item.type || '');
    row.setAttribute('data-correlation', item.correlation || '');
    row.setAttribute('data-verification', item.verification || 'NONE');
    row.setAttribute('data-original-message-id', item.originalMessageId || '');
    row.setAttribute('data-recipients', recipients.map(function (recipient) {
      return String(recipient.finalRecipient || recipient.originalRecipient || '').toLowerCase();
    }).join(','));
    Receipts.cell(row, 'Received', Receipts.timeEl(item.receivedAt), 'receivedAt');
    Receipts.cell(row, 'Type', [words.reportType(item.type),
      item.heuristic ? el('span', 'detail', 'recognised by heuristics, not a standard report') : null], 'type');
    var lines = recipients.map(function (recipient) {
      var line = el('span', 'detail-line');
      line.appendChild(el('span', 'address', recipient.finalRecipient || recipient.originalRecipient || '(none)'));
      var what = [recipient.action, recipient.status, recipient.disposition, recipient.reason].filter(Boolean).join(' · ');
      if (what) {
        line.appendChild(el('span', 'detail', what));
      }
      if (recipient.originalRecipient && recipient.finalRecipient
        && recipient.originalRecipient !== recipient.finalRecipient) {
        line.appendChild(el('span', 'detail', 'originally ' + recipient.originalRecipient));
      }
      return line;
    });
    Receipts.cell(row, 'Recipients', lines.length ? lines : '—', 'recipients');
    Receipts.cell(row, 'About message', item.originalMessageId ? el('code', null, item.originalMessageId)
      : (item.envelopeId ? ['ENVID ', el('code', null, item.envelopeId)] : '—'), 'originalMessageId');
    Receipts.cell(row, 'Matched', words.correlation(item.correlation), 'correlation');
    Receipts.cell(row, 'Owner', item.owner || '—', 'owner');
    Receipts.cell(row, 'Reporter', item.reporter || '—', 'reporter');
    Receipts.cell(row, 'Verification', words.verification(item.verification,
      recipients.length === 1 ? recipients[0].finalRecipient : null), 'verification');
    var link = el('a', null, 'Every field');
    link.href = '/report.html' + Receipts.query({ id: item.id });
    link.setAttribute('data-report-link', String(item.id));
    link.setAttribute('aria-label', 'Every field of report ' + item.id);
    Receipts.cell(row, 'Details', link, 'details');
    return row;
  }

  function messageRows(message) {
    var recipients = message.recipients && message.recipients.length ? message.recipients : [{}];
    return recipients.map(function (recipient) {
      var row = el('tr', 'message-row');
      var disposition = recipient.disposition || {};
      var delivery = recipient.delivery || {};
      row.setAttribute('data-message-id', message.messageId || '');
      row.setAttribute('data-sender', String(message.sender || '').toLowerCase());
      row.setAttribute('data-recipient', String(recipient.address || '').toLowerCase());
      row.setAttribute('data-delivery-state', delivery.state || '');
      row.setAttribute('data-disposition-state', disposition.state || '');
      row.setAttribute('data-verification', disposition.verification || 'NONE');
      Receipts.cell(row, 'Sent', Receipts.timeEl(message.submittedAt), 'submittedAt');
      Receipts.cell(row, 'Sender', message.sender || '', 'sender');
      var link = el('a', null, message.messageId || '(no Message-ID)');
      link.href = '/message.html' + Receipts.query({ id: message.messageId, recipient: recipient.address });
      link.setAttribute('data-message-link', '');
      Receipts.cell(row, 'Message', [message.subject ? el('span', 'subject', message.subject) : null, link], 'message');
      Receipts.cell(row, 'Recipient', recipient.address || '', 'recipient');
      Receipts.cell(row, 'Delivery', words.delivery(delivery), 'delivery');
      Receipts.cell(row, 'Read receipt', words.disposition(disposition, recipient.requested), 'disposition');
      Receipts.cell(row, 'Verification', words.verification(disposition.verification, recipient.address),
        'verification');
      return row;
    });
  }

  var HEADERS = {
    reports: ['Received', 'Type', 'Recipients', 'About message', 'Matched', 'Owner', 'Reporter', 'Verification',
      'Details'],
    messages: ['Sent', 'Sender', 'Message', 'Recipient', 'Delivery', 'Read receipt', 'Verification']
  };

  // --- one search panel -----------------------------------------------------------------------------------

  function mount(kind) {
    var form = document.getElementById('form-' + kind);
    var results = document.getElementById('results-' + kind);
    var countLine = document.getElementById('count-' + kind);
    var base = '/api/v1/compliance/' + kind;
    var state = { filters: null, table: null, rows: 0 };
    var more = Receipts.moreButton(document.getElementById('more-' + kind), 'More ' + kind, function (cursor) {
      page(cursor);
    });

    function page(cursor) {
      var params = Object.assign({}, state.filters, { size: SIZE, after: cursor || null });
      return Receipts.getJson(base + Receipts.query(params)).then(function (answer) {
        var items = Receipts.itemsOf(answer);
        if (!cursor) {
          Receipts.clear(results);
          state.table = Receipts.table(kind === 'reports' ? 'Reports found' : 'Messages found', HEADERS[kind],
            'results');
          state.rows = 0;
          results.appendChild(state.table.wrapper);
        }
        items.forEach(function (item) {
          if (kind === 'reports') {
            state.table.body.appendChild(reportRow(item));
          } else {
            messageRows(item).forEach(function (row) {
              state.table.body.appendChild(row);
            });
          }
        });
        state.rows += items.length;
        results.setAttribute('data-shown', String(state.rows));
        state.table.wrapper.hidden = state.rows === 0;
        more.update(answer && answer.next);
      }).catch(function (error) {
        more.update(cursor);
        Receipts.showError(countLine, 'The search failed', error);
        throw error;
      });
    }

    function count() {
      countLine.removeAttribute('data-count');
      return Receipts.getJson(base + '/count' + Receipts.query(state.filters)).then(function (answer) {
        var n = answer && typeof answer.count === 'number' ? answer.count : null;
        if (n === null) {
          return;
        }
        countLine.setAttribute('data-count', String(n));
        Receipts.showStatus(countLine, n === 0 ? 'No ' + NOUN[kind] + ' matches this search.'
          : n.toLocaleString() + ' ' + NOUN[kind] + (n === 1 ? '' : 's') + ' match'
          + (n === 1 ? 'es' : '') + ' this search, newest first.', n === 0 ? 'info' : 'ok');
      });
    }

    function search() {
      state.filters = Receipts.formValues(form);
      window.history.replaceState(null, '', window.location.pathname
        + Receipts.query(Object.assign({ tab: kind }, state.filters)));
      Receipts.showStatus(countLine, 'Searching…', 'busy');
      results.setAttribute('data-search-state', 'busy');
      return Promise.all([page(null), count()]).then(function () {
        results.setAttribute('data-search-state', 'done');
      }, function (error) {
        results.setAttribute('data-search-state', 'error');
        Receipts.showError(countLine, 'The search failed', error);
      });
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      search();
    });

    Array.prototype.forEach.call(document.querySelectorAll('[data-export-kind="' + kind + '"]'), function (button) {
      button.addEventListener('click', function () {
        var format = button.getAttribute('data-export');
        var filters = state.filters || Receipts.formValues(form);
        var day = new Date().toISOString().slice(0, 10);
        Receipts.exportStream(base + '/export' + Receipts.query(Object.assign({}, filters, { format: format })), format,
          'receipts-' + kind + '-' + day + '.' + format, {
            progress: document.getElementById('export-progress-' + kind),
            status: document.getElementById('export-status-' + kind),
            link: document.getElementById('export-link-' + kind),
            button: button
          }).catch(function () {
          // shown in the export status line
        });
      });
    });

    return { form: form, search: search };
  }

  Receipts.start('search').then(function (me) {
    if (!Receipts.showSectionsFor(me)) {
      Receipts.showStatus(status, 'This page is for compliance officers; your account does not have that role.',
        'error');
      Receipts.markLoaded('true');
      return null;
    }
    status.hidden = true;
    KINDS.forEach(function (kind) {
      panels[kind] = mount(kind);
    });
    var params = new URLSearchParams(window.location.search);
    var kind = params.get('tab') === 'messages' ? 'messages' : 'reports';
    select(kind, false);
    params.delete('tab');
    Receipts.fillForm(panels[kind].form, params);
    Receipts.markLoaded('true');
    // A deep link with filters (/search.html?tab=reports&recipient=…) runs its search; an empty page waits.
    if (Array.from(params.keys()).length) {
      return panels[kind].search();
    }
    return null;
  }).catch(function (error) {
    Receipts.showError(status, 'Could not load the search page', error);
    Receipts.markLoaded('error');
  });
})();
