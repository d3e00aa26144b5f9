'use strict';
// Compliance: the consent ledger with filters (GET /api/v1/compliance/ledger), revealing a pseudonym
// (POST /api/v1/compliance/reveal), tracking-pixel counts (GET /api/v1/compliance/pixels) and legal holds
// (legal-holds.js). Pseudonyms, addresses and justifications go in as text.
(function () {
  var SIZE = 50;
  var PSEUDONYM = /^ps_[0-9a-z]+$/i;
  var ledger = Receipts.ledger;
  var status = document.getElementById('status');

  // --- reveal ---------------------------------------------------------------------------------------------

  var revealForm = document.getElementById('reveal-form');
  var revealResult = document.getElementById('reveal-result');

  function offerReveal(pseudonym) {
    revealForm.elements.pseudonym.value = pseudonym;
    Receipts.clear(revealResult);
    revealForm.elements.justification.focus();
    revealForm.scrollIntoView({ block: 'nearest' });
  }

  function showRevealError(text) {
    Receipts.clear(revealResult);
    revealResult.setAttribute('data-state', 'error');
    revealResult.appendChild(Receipts.el('p', 'error', text));
  }

  revealForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var pseudonym = revealForm.elements.pseudonym.value.trim();
    var justification = revealForm.elements.justification.value.trim();
    if (!pseudonym) {
      showRevealError('Give the pseudonym to reveal.');
      revealForm.elements.pseudonym.focus();
      return;
    }
    if (justification.length < 10) {
      showRevealError('Write a justification of at least 10 characters.');
      revealForm.elements.justification.focus();
      return;
    }
    var button = document.getElementById('reveal-submit');
    button.disabled = true;
    Receipts.clear(revealResult);
    revealResult.setAttribute('data-state', 'busy');
    revealResult.appendChild(Receipts.el('p', null, 'Revealing…'));
    Receipts.api('POST', '/api/v1/compliance/reveal', { pseudonym: pseudonym, justification: justification })
      .then(function (answer) {
        Receipts.clear(revealResult);
        revealResult.setAttribute('data-state', 'ok');
        var line = Receipts.el('p', 'ok');
        var shown = Receipts.el('code', null, (answer && answer.pseudonym) || pseudonym);
        shown.setAttribute('data-revealed-pseudonym', '');
        var address = Receipts.el('strong', null, (answer && answer.address) || '');
        address.setAttribute('data-revealed-address', '');
        line.appendChild(shown);
        line.appendChild(document.createTextNode(' is '));
        line.appendChild(address);
        line.appendChild(document.createTextNode('. This reveal is recorded in the audit log.'));
        revealResult.appendChild(line);
        revealForm.elements.justification.value = '';
      }, function (error) {
        showRevealError(error.status === 404 && !(error.body && error.body.error)
          ? 'This pseudonym cannot be revealed: it is unknown, or its address was erased.'
          : 'Not revealed: ' + error.message);
      }).then(function () {
        button.disabled = false;
      });
  });

  // A counterpart or employee value, with a Reveal button after each pseudonym in it.
  function partyCell(row, label, value, dataCell) {
    var parts = [];
    String(value || '').split(',').map(function (part) {
      return part.trim();
    }).filter(Boolean).forEach(function (part, index) {
      if (index > 0) {
        parts.push(', ');
      }
      if (PSEUDONYM.test(part)) {
        var code = Receipts.el('code', 'pseudonym', part);
        code.setAttribute('data-pseudonym', part);
        parts.push(code);
        var button = Receipts.el('button', 'secondary small', 'Reveal');
        button.type = 'button';
        button.setAttribute('data-reveal-pseudonym', part);
        button.setAttribute('aria-label', 'Reveal ' + part);
        button.addEventListener('click', function () {
          offerReveal(part);
        });
        parts.push(' ');
        parts.push(button);
      } else {
        parts.push(part);
      }
    });
    return Receipts.cell(row, label, parts, dataCell);
  }

  // --- ledger ---------------------------------------------------------------------------------------------

  var filter = document.getElementById('ledger-filter');
  var ledgerStatus = document.getElementById('ledger-status');
  var ledgerContainer = document.getElementById('compliance-ledger');
  var ledgerPager = Receipts.pager(document.getElementById('ledger-pager'), loadLedger);

  function renderLedgerRow(item) {
    var row = Receipts.el('tr', 'ledger-row');
    row.setAttribute('data-ledger-kind', item.kind || '');
    row.setAttribute('data-ledger-decision', item.decision || '');
    row.setAttribute('data-counterpart', String(item.counterpart || '').toLowerCase());
    row.setAttribute('data-employee', String(item.employee || '').toLowerCase());
    row.setAttribute('data-audience', item.audience || '');
    var policy = item.policy || {};
    row.setAttribute('data-policy-source', policy.source || '');
    row.setAttribute('data-policy-choice', policy.choice || '');
    Receipts.cell(row, 'When', Receipts.timeEl(item.at), 'at');
    partyCell(row, 'Employee', item.employee, 'employee');
    var what = [ledger.kindText(item.kind) + ': ' + ledger.whatHappened(item, ledger.EMPLOYEE)];
    if (item.detail) {
      what.push(Receipts.el('span', 'detail', Receipts.plain(item.detail)));
    }
    Receipts.cell(row, 'What happened', what, 'kind');
    partyCell(row, item.kind === 'REQUEST_RECEIVED' ? 'Asked by' : 'Receipt to', item.counterpart, 'counterpart');
    Receipts.cell(row, 'Audience', item.audience === 'INTERNAL' ? 'Internal' : item.audience === 'EXTERNAL'
      ? 'External' : (item.audience || ''), 'audience');
    Receipts.cell(row, 'About message', item.originalMessageId || '', 'message');
    Receipts.cell(row, 'Receipt said', ledger.dispositionText(item.disposition), 'disposition');
    Receipts.cell(row, 'Decided by', [ledger.policyText(item, ledger.EMPLOYEE),
      policy.version ? Receipts.el('span', 'detail', 'Policy version ' + policy.version) : null], 'policy');
    return row;
  }

  function loadLedger(page) {
    Receipts.showStatus(ledgerStatus, 'Loading…', 'busy');
    var url = '/api/v1/compliance/ledger' + Receipts.query({
      employee: filter.elements.employee.value.trim(),
      kind: filter.elements.kind.value,
      page: page,
      size: SIZE
    });
    return Receipts.getJson(url).then(function (list) {
      var items = (list && list.items) || [];
      Receipts.clear(ledgerContainer);
      if (items.length) {
        var table = Receipts.table('Consent ledger', ['When', 'Employee', 'What happened', 'Asked by / receipt to',
          'Audience', 'About message', 'Receipt said', 'Decided by'], 'ledger');
        items.forEach(function (item) {
          table.body.appendChild(renderLedgerRow(item));
        });
        ledgerContainer.appendChild(table.wrapper);
      }
      ledgerPager.update(page, SIZE, items.length);
      Receipts.showStatus(ledgerStatus, items.length
        ? items.length + ' row(s) on this page, newest first.'
        : 'No ledger row matches.');
    }).catch(function (error) {
      Receipts.showError(ledgerStatus, 'Could not load the ledger', error);
    });
  }

  filter.addEventListener('submit', function (event) {
    event.preventDefault();
    loadLedger(0);
  });

  // --- pixels ---------------------------------------------------------------------------------------------

  var pixelsFilter = document.getElementById('pixels-filter');
  var pixelsStatus = document.getElementById('pixels-status');
  var pixelCounts = document.getElementById('pixel-counts');
  var LEADING = ['senderDomain', 'domain', 'direction'];
  var TITLES = { senderDomain: 'Sender domain', domain: 'Sender domain', direction: 'Direction' };

  function number(value) {
    return typeof value === 'number' ? value.toLocaleString() : Receipts.plain(value);
  }

  function findRows(data) {
    if (Array.isArray(data)) {
      return data;
    }
    var named = ['rows', 'items', 'bySenderDomain', 'byDomain', 'domains'].map(function (key) {
      return data[key];
    }).filter(Array.isArray)[0];
    if (named) {
      return named;
    }
    var any = Object.keys(data).map(function (key) {
      return data[key];
    }).filter(Array.isArray)[0];
    return any || [];
  }

  function renderTotals(data) {
    var totals = data.totals !== undefined ? data.totals : data.total;
    var list = Receipts.el('dl', 'facts');
    list.setAttribute('data-pixel-totals', '');
    function add(label, value, key) {
      list.appendChild(Receipts.el('dt', null, label));
      var dd = Receipts.el('dd', null, number(value));
      dd.setAttribute('data-total', key);
      list.appendChild(dd);
    }
    if (totals && typeof totals === 'object' && !Array.isArray(totals)) {
      Object.keys(totals).forEach(function (key) {
        add(TITLES[key] || Receipts.title(key), totals[key], key);
      });
    } else if (typeof totals === 'number') {
      add('Total', totals, 'total');
    } else {
      Object.keys(data).filter(function (key) {
        return typeof data[key] === 'number' && key !== 'days';
      }).forEach(function (key) {
        add(TITLES[key] || Receipts.title(key), data[key], key);
      });
    }
    return list.childNodes.length ? list : null;
  }

  function renderPixels(data, days) {
    Receipts.clear(pixelCounts);
    data = data || {};
    var totals = renderTotals(data);
    if (totals) {
      pixelCounts.appendChild(Receipts.el('h3', null, 'Totals'));
      pixelCounts.appendChild(totals);
    }
    var rows = findRows(data).filter(function (row) {
      return row && typeof row === 'object';
    });
    if (!rows.length) {
      pixelCounts.appendChild(Receipts.el('p', 'note', 'No tracking pixel was found in the last ' + days + ' days.'));
      return;
    }
    var table = Receipts.objectTable('Tracking pixels by sender domain and direction', rows, {
      leading: LEADING,
      titles: TITLES,
      className: 'pixels',
      decorate: function (tr, row) {
        tr.setAttribute('data-sender-domain', String(row.senderDomain || row.domain || ''));
        tr.setAttribute('data-direction', String(row.direction || ''));
      }
    });
    pixelCounts.appendChild(Receipts.el('h3', null, 'By sender domain and direction'));
    pixelCounts.appendChild(table.wrapper);
  }

  function loadPixels() {
    var days = pixelsFilter.elements.days.value;
    Receipts.showStatus(pixelsStatus, 'Loading…', 'busy');
    return Receipts.getJson('/api/v1/compliance/pixels' + Receipts.query({ days: days })).then(function (data) {
      renderPixels(data, days);
      Receipts.showStatus(pixelsStatus, 'Counts for the last ' + days + ' days.');
    }).catch(function (error) {
      Receipts.showError(pixelsStatus, 'Could not load the pixel counts', error);
    });
  }

  pixelsFilter.addEventListener('submit', function (event) {
    event.preventDefault();
    loadPixels();
  });

  // --- start ----------------------------------------------------------------------------------------------

  Receipts.start('compliance').then(function (me) {
    if (!Receipts.showSectionsFor(me)) {
      Receipts.showStatus(status, 'This page is for compliance officers; your account does not have that role.',
        'error');
      Receipts.markLoaded('true');
      return null;
    }
    Receipts.showStatus(status, '');
    status.hidden = true;
    var loads = [ReceiptsLegalHolds.mount(document.getElementById('holds-section'))];
    if (Receipts.hasRole(me, 'compliance')) {
      loads.push(loadLedger(0), loadPixels());
    }
    return Promise.all(loads).then(function () {
      Receipts.markLoaded('true');
    });
  }).catch(function (error) {
    Receipts.showError(status, 'Could not load the compliance page', error);
    Receipts.markLoaded('error');
  });
})();
