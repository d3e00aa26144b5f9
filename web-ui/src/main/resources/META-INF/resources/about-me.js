'use strict';
// "Receipts about me": the caller's consent-ledger rows (GET /api/v1/me/ledger), in plain words. Helpers in
// common.js; every value goes in as text.
(function () {
  var SIZE = 25;
  var ledger = Receipts.ledger;
  var status = document.getElementById('status');
  var container = document.getElementById('ledger');
  var pager = Receipts.pager(document.getElementById('ledger-pager'), load);

  function renderRow(item) {
    var row = Receipts.el('tr', 'ledger-row');
    row.setAttribute('data-ledger-kind', item.kind || '');
    row.setAttribute('data-ledger-decision', item.decision || '');
    row.setAttribute('data-counterpart', String(item.counterpart || '').toLowerCase());
    row.setAttribute('data-audience', item.audience || '');
    var policy = item.policy || {};
    row.setAttribute('data-policy-source', policy.source || '');
    row.setAttribute('data-policy-choice', policy.choice || '');

    Receipts.cell(row, 'When', Receipts.timeEl(item.at), 'at');
    var what = [ledger.whatHappened(item, ledger.YOU)];
    if (item.detail) {
      what.push(Receipts.el('span', 'detail', Receipts.plain(item.detail)));
    }
    Receipts.cell(row, 'What happened', what, 'kind');
    Receipts.cell(row, item.kind === 'REQUEST_RECEIVED' ? 'Asked by' : 'Receipt to', item.counterpart || '', 'counterpart');
    Receipts.cell(row, 'Audience', item.audience === 'INTERNAL' ? 'Internal' : item.audience === 'EXTERNAL'
      ? 'External' : (item.audience || ''), 'audience');
    Receipts.cell(row, 'About message', item.originalMessageId || '', 'message');
    Receipts.cell(row, 'Receipt said', ledger.dispositionText(item.disposition), 'disposition');
    Receipts.cell(row, 'Decided by', ledger.policyText(item, ledger.YOU), 'policy');
    return row;
  }

  function load(page) {
    Receipts.showStatus(status, 'Loading…', 'busy');
    return Receipts.getJson('/api/v1/me/ledger' + Receipts.query({ page: page, size: SIZE })).then(function (list) {
      var items = (list && list.items) || [];
      Receipts.clear(container);
      if (items.length) {
        var table = Receipts.table('Receipts about me',
          ['When', 'What happened', 'Asked by / receipt to', 'Audience', 'About message', 'Receipt said', 'Decided by'],
          'ledger');
        items.forEach(function (item) {
          table.body.appendChild(renderRow(item));
        });
        container.appendChild(table.wrapper);
      }
      pager.update(page, SIZE, items.length);
      Receipts.showStatus(status, items.length
        ? items.length + ' row(s) on this page, newest first.'
        : page > 0 ? 'No more rows.' : 'Nobody has asked you for a read receipt yet, and your mail program has sent none.');
      Receipts.markLoaded('true');
    }).catch(function (error) {
      Receipts.showError(status, 'Could not load the receipts about you', error);
      Receipts.markLoaded('error');
    });
  }

  Receipts.start('about-me').then(function () {
    return load(0);
  }).catch(function (error) {
    Receipts.showError(status, 'Could not load the receipts about you', error);
    Receipts.markLoaded('error');
  });
})();
