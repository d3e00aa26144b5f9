'use strict';
// Sent receipts: the caller's sent messages with filters and search (GET /api/v1/messages, keyset paging), kept
// up to date by server-sent events (GET /api/v1/me/events): each event names a message, which is fetched again
// (?messageId=) and its rows updated in place, without reloading the page. The API wrapper, header, wording and
// helpers are in common.js. Every piece of data goes in with textContent: subjects, addresses and diagnostics
// are inert text, never markup.
(function () {
  var SIZE = 25;
  var el = Receipts.el;
  var words = Receipts.words;

  var status = document.getElementById('status');
  var live = document.getElementById('live');
  var container = document.getElementById('messages');
  var form = document.getElementById('message-filter');
  var more = Receipts.moreButton(document.getElementById('messages-more'), 'Older messages', function (cursor) {
    load(cursor);
  });
  var shown = 0;
  var filters = {};

  function messageLink(messageId, recipient) {
    return '/message.html' + Receipts.query({ id: messageId, recipient: recipient });
  }

  // Fills a recipient's row: the data- attributes tests rely on, and the words.
  function fillRow(row, messageId, recipient) {
    var address = String(recipient.address || '').toLowerCase();
    var delivery = recipient.delivery || {};
    var disposition = recipient.disposition || {};
    row.setAttribute('data-recipient', address);
    row.setAttribute('data-delivery-state', delivery.state || '');
    row.setAttribute('data-disposition-state', disposition.state || '');
    row.setAttribute('data-verification', disposition.verification || 'NONE');
    Receipts.clear(row);
    var domain = words.domain(recipient.domain);
    var domainNote = domain ? el('span', 'detail', domain) : null;
    if (domainNote) {
      domainNote.setAttribute('data-domain-stats', recipient.domain.name);
    }
    Receipts.cell(row, 'Recipient', [recipient.address || '', domainNote], 'recipient');
    Receipts.cell(row, 'Delivery', [words.delivery(delivery),
      delivery.at ? el('span', 'detail', Receipts.when(delivery.at)) : null], 'delivery');
    Receipts.cell(row, 'Read receipt', [words.disposition(disposition, recipient.requested),
      disposition.at ? el('span', 'detail', Receipts.when(disposition.at)) : null], 'disposition');
    var verification = Receipts.cell(row, 'Verification',
      words.verification(disposition.verification, recipient.address), 'verification');
    verification.classList.add('verification-' + String(disposition.verification || 'NONE').toLowerCase());
    var link = el('a', null, 'Timeline and report fields');
    link.href = messageLink(messageId, address);
    link.setAttribute('data-timeline-link', '');
    link.setAttribute('aria-label', 'Timeline and report fields for ' + (recipient.address || 'this recipient'));
    Receipts.cell(row, 'Details', link, 'details');
    return row;
  }

  function renderMessage(message) {
    var messageId = message.messageId || '';
    var section = el('section', 'message');
    section.setAttribute('data-message-id', messageId);
    var headingId = 'message-' + (shown++);
    var heading = el('h2', 'message-id', message.subject ? message.subject : (messageId || '(no Message-ID)'));
    heading.id = headingId;
    section.setAttribute('aria-labelledby', headingId);
    section.appendChild(heading);
    var facts = el('p', 'submitted');
    facts.appendChild(document.createTextNode('Sent '));
    facts.appendChild(Receipts.timeEl(message.submittedAt));
    if (message.subject) {
      facts.appendChild(document.createTextNode(' · Message-ID '));
      facts.appendChild(el('code', null, messageId));
    }
    facts.appendChild(document.createTextNode(' · '));
    var link = el('a', null, 'Timeline and raw report fields');
    link.href = messageLink(messageId);
    link.setAttribute('data-message-link', '');
    facts.appendChild(link);
    section.appendChild(facts);

    var table = Receipts.table('Recipients of ' + (message.subject || messageId),
      ['Recipient', 'Delivery', 'Read receipt', 'Verification', 'Details'], 'recipients');
    (message.recipients || []).forEach(function (recipient) {
      table.body.appendChild(fillRow(el('tr', 'recipient'), messageId, recipient));
    });
    section.appendChild(table.wrapper);
    return section;
  }

  function showCount() {
    var count = container.querySelectorAll('section[data-message-id]').length;
    var filtered = Object.keys(filters).length > 0;
    Receipts.showStatus(status, count
      ? count + ' message(s) shown, newest first' + (filtered ? ', matching the filters.' : '.')
      : (filtered ? 'No message matches these filters.'
        : 'You have not sent any message with a receipt request yet.'));
  }

  function load(cursor) {
    if (!cursor) {
      Receipts.showStatus(status, 'Loading…', 'busy');
    }
    var params = Object.assign({}, filters, { size: SIZE, after: cursor || null });
    return Receipts.getJson('/api/v1/messages' + Receipts.query(params)).then(function (list) {
      if (!cursor) {
        Receipts.clear(container);
      }
      Receipts.itemsOf(list).forEach(function (message) {
        container.appendChild(renderMessage(message));
      });
      more.update(list && list.next);
      showCount();
      Receipts.markLoaded('true');
    }).catch(function (error) {
      more.update(cursor);
      Receipts.showError(status, 'Could not load your messages', error);
      Receipts.markLoaded('error');
    });
  }

  // --- filters --------------------------------------------------------------------------------------------

  function applyFilters() {
    filters = Receipts.formValues(form);
    var url = window.location.pathname + Receipts.query(filters);
    window.history.replaceState(null, '', url);
    return load(null);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    applyFilters();
  });
  form.addEventListener('reset', function () {
    window.setTimeout(applyFilters, 0);
  });

  // --- live updates ---------------------------------------------------------------------------------------

  function sectionFor(messageId) {
    var sections = container.querySelectorAll('section[data-message-id]');
    for (var i = 0; i < sections.length; i++) {
      if (sections[i].getAttribute('data-message-id') === messageId) {
        return sections[i];
      }
    }
    return null;
  }

  function rowFor(section, address) {
    var rows = section.querySelectorAll('tr[data-recipient]');
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].getAttribute('data-recipient') === address) {
        return rows[i];
      }
    }
    return null;
  }

  function stateOf(row) {
    return ['data-delivery-state', 'data-disposition-state', 'data-verification'].map(function (name) {
      return row.getAttribute(name);
    }).join('|');
  }

  // Updates the rows of one message in place; marks the rows that changed (or that the event named).
  function applyUpdate(message, named) {
    var messageId = message.messageId || '';
    var section = sectionFor(messageId);
    var stamp = new Date().toISOString();
    if (!section) {
      if (Object.keys(filters).length > 0) {
        Receipts.showStatus(live, 'Live updates: on. A message not shown here changed; clear the filters to see it.',
          'info');
        return;
      }
      section = renderMessage(message);
      Array.prototype.forEach.call(section.querySelectorAll('tr[data-recipient]'), function (row) {
        row.setAttribute('data-live-updated', stamp);
      });
      container.insertBefore(section, container.firstChild);
      showCount();
      return;
    }
    var body = section.querySelector('tbody');
    (message.recipients || []).forEach(function (recipient) {
      var address = String(recipient.address || '').toLowerCase();
      var row = rowFor(section, address);
      var before = row ? stateOf(row) : null;
      if (!row) {
        row = el('tr', 'recipient');
        body.appendChild(row);
      }
      fillRow(row, messageId, recipient);
      if (before !== stateOf(row) || address === named) {
        row.setAttribute('data-live-updated', stamp);
        row.classList.remove('flash');
        void row.offsetWidth;
        row.classList.add('flash');
      }
    });
  }

  function refetch(messageId, recipient) {
    return Receipts.getJson('/api/v1/messages' + Receipts.query({ messageId: messageId })).then(function (list) {
      Receipts.itemsOf(list).forEach(function (message) {
        applyUpdate(message, recipient);
      });
      document.body.setAttribute('data-live-last', new Date().toISOString());
    }).catch(function (error) {
      Receipts.showError(live, 'Live update for ' + messageId + ' failed', error);
    });
  }

  // After a broken connection, events may have been missed: fetch again what the page shows.
  function refreshShown() {
    var sections = container.querySelectorAll('section[data-message-id]');
    for (var i = 0; i < sections.length && i < 50; i++) {
      refetch(sections[i].getAttribute('data-message-id'), null);
    }
  }

  function setLive(state, text, kind) {
    document.body.setAttribute('data-live-state', state);
    Receipts.showStatus(live, text, kind);
  }

  function connect() {
    if (typeof window.EventSource !== 'function') {
      setLive('unsupported', 'Live updates: not supported by this browser; reload the page to see new reports.',
        'info');
      return;
    }
    var source = new EventSource('/api/v1/me/events');
    var broken = false;
    source.onopen = function () {
      setLive('open', 'Live updates: on. New reports appear here without reloading.', 'ok');
      if (broken) {
        broken = false;
        refreshShown();
      }
    };
    source.onmessage = function (event) {
      var data;
      try {
        data = JSON.parse(event.data);
      } catch (ignored) {
        return;
      }
      if (data && data.messageId) {
        refetch(String(data.messageId), data.recipient ? String(data.recipient).toLowerCase() : null);
      }
    };
    source.onerror = function () {
      broken = true;
      if (source.readyState === EventSource.CLOSED) {
        setLive('closed', 'Live updates: unavailable. Reload the page to see new reports.', 'error');
      } else {
        setLive('reconnecting', 'Live updates: connection lost, reconnecting…', 'busy');
      }
    };
    window.addEventListener('pagehide', function () {
      source.close();
    });
  }

  Receipts.start('sent').then(function () {
    var params = new URLSearchParams(window.location.search);
    Receipts.fillForm(form, params);
    filters = Receipts.formValues(form);
    connect();
    return load(null);
  }).catch(function (error) {
    Receipts.showError(status, 'Could not load your messages', error);
    Receipts.markLoaded('error');
  });
})();
