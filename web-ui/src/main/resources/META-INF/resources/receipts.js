'use strict';
// Renders the caller's sent messages; the API wrapper, header and helpers are in common.js. Every piece of data
// goes in with textContent: subjects, addresses and diagnostics are inert text, never markup.
(function () {
  var el = Receipts.el;
  var when = Receipts.when;

  var DELIVERY = {
    ACCEPTED: 'Accepted by our server, no delivery report yet',
    DELIVERED: "Delivered to the recipient's server",
    RELAYED: 'Relayed: the remote server will not report further',
    DELAYED: 'Delayed, still trying',
    EXPANDED: 'Expanded to a list or alias'
  };
  var DISPOSITION = {
    NONE: 'No read receipt yet',
    DISPLAYED: "Displayed (the recipient's mail program confirmed it; not proof that it was read)",
    DELETED: 'Deleted without being displayed',
    DISPATCHED: 'Dispatched without being displayed (forwarded or printed)',
    PROCESSED: 'Processed without being displayed (for example by a filter)',
    denied: 'The recipient declined to send a read receipt',
    failed: 'The read receipt could not be produced'
  };
  var VERIFICATION = {
    NONE: '',
    AUTHENTICATED: 'Verified: sent by the recipient while signed in to our server',
    UNVERIFIED: 'Not verified: anyone could have sent this receipt'
  };

  function deliveryText(delivery) {
    if (delivery.state === 'FAILED') {
      return ['Failed:', delivery.status, delivery.diagnostic].filter(Boolean).join(' ');
    }
    return DELIVERY[delivery.state] || delivery.state;
  }

  function dispositionText(disposition) {
    return DISPOSITION[disposition.state] || ('Receipt: ' + disposition.state);
  }

  function renderMessage(message) {
    var section = el('section', 'message');
    section.setAttribute('data-message-id', message.messageId || '');
    var heading = el('h2', 'message-id', message.messageId || '(no Message-ID)');
    section.appendChild(heading);
    section.appendChild(el('p', 'submitted', 'Sent ' + when(message.submittedAt)));

    var table = el('table', 'recipients');
    var head = el('thead');
    var headRow = el('tr');
    ['Recipient', 'Delivery', 'Read receipt', 'Verification'].forEach(function (title) {
      headRow.appendChild(el('th', null, title));
    });
    head.appendChild(headRow);
    table.appendChild(head);
    var body = el('tbody');
    (message.recipients || []).forEach(function (recipient) {
      var row = el('tr', 'recipient');
      row.setAttribute('data-recipient', (recipient.address || '').toLowerCase());
      row.setAttribute('data-delivery-state', recipient.delivery.state);
      row.setAttribute('data-disposition-state', recipient.disposition.state);
      row.setAttribute('data-verification', recipient.disposition.verification);

      var address = el('td', 'address', recipient.address);
      address.setAttribute('data-label', 'Recipient');
      var delivery = el('td', 'delivery', deliveryText(recipient.delivery));
      delivery.setAttribute('data-label', 'Delivery');
      delivery.setAttribute('data-cell', 'delivery');
      var disposition = el('td', 'disposition', recipient.requested && !recipient.requested.mdn
        && recipient.disposition.state === 'NONE' ? 'No read receipt requested' : dispositionText(recipient.disposition));
      disposition.setAttribute('data-label', 'Read receipt');
      disposition.setAttribute('data-cell', 'disposition');
      var verification = el('td', 'verification', VERIFICATION[recipient.disposition.verification] || '');
      verification.setAttribute('data-label', 'Verification');
      verification.setAttribute('data-cell', 'verification');

      [address, delivery, disposition, verification].forEach(function (cell) {
        row.appendChild(cell);
      });
      body.appendChild(row);
    });
    table.appendChild(body);
    section.appendChild(table);
    return section;
  }

  var status = document.getElementById('status');
  Receipts.start('sent').then(function () {
    return Receipts.getJson('/api/v1/messages?page=0&size=50');
  }).then(function (list) {
    var container = document.getElementById('messages');
    container.textContent = '';
    (list.items || []).forEach(function (message) {
      container.appendChild(renderMessage(message));
    });
    status.textContent = list.items && list.items.length
      ? list.items.length + ' message(s), newest first.'
      : 'You have not sent any message with a receipt request yet.';
    Receipts.markLoaded('true');
  }).catch(function (error) {
    Receipts.showError(status, 'Could not load your messages', error);
    Receipts.markLoaded('error');
  });
})();
