'use strict';
// Renders the caller's sent messages. Every piece of data goes in with textContent: subjects, addresses and
// diagnostics are inert text, never markup.
(function () {
  var DELIVERY = {
    ACCEPTED: 'Accepted by our server, no delivery report yet',
    DELIVERED: "Delivered to the recipient's server",
    RELAYED: 'Relayed: the remote server will not report further',
    DELAYED: 'Delayed, still trying',
    EXPANDED: 'Expanded to a list or alias'
  };
  var DISPOSITION = {
    NONE: 'No read receipt yet',
    DISPLAYED: "Displayed (the recipient's client confirmed)",
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

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function when(instant) {
    if (!instant) {
      return '';
    }
    var date = new Date(instant);
    return isNaN(date.getTime()) ? instant : date.toLocaleString();
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

  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        if (response.status === 401) {
          window.location.assign('/login.html');
          throw new Error('Your session has ended.');
        }
        if (!response.ok) {
          throw new Error('The service answered ' + response.status + '.');
        }
        return response.json();
      });
  }

  var status = document.getElementById('status');
  getJson('/api/v1/me').then(function (me) {
    document.getElementById('current-user').textContent = me.user;
    return getJson('/api/v1/messages?page=0&size=50');
  }).then(function (list) {
    var container = document.getElementById('messages');
    container.textContent = '';
    (list.items || []).forEach(function (message) {
      container.appendChild(renderMessage(message));
    });
    status.textContent = list.items && list.items.length
      ? list.items.length + ' message(s), newest first.'
      : 'You have not sent any message with a receipt request yet.';
    document.body.setAttribute('data-loaded', 'true');
  }).catch(function (error) {
    status.textContent = 'Could not load your messages: ' + error.message;
    status.className = 'error';
    document.body.setAttribute('data-loaded', 'error');
  });
})();
