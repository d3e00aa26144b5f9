'use strict';
// One message (/message.html?id=<Message-ID>[&recipient=]): each recipient's status in plain words, the
// timeline, and for each timeline entry caused by a report its raw fields one click away
// (GET /api/v1/me/reports/{id}, or /api/v1/compliance/reports/{id} for a compliance officer looking at someone
// else's message). The message comes from GET /api/v1/messages?messageId=, which shows a compliance officer
// anyone's message. Every value goes in as text.
(function () {
  var el = Receipts.el;
  var words = Receipts.words;
  var status = document.getElementById('status');
  var params = new URLSearchParams(window.location.search);
  var messageId = params.get('id') || '';
  var wanted = String(params.get('recipient') || '').toLowerCase();
  var reportBase = '/api/v1/me/reports/';

  var KIND = {
    SUBMITTED: 'Sent by you (our server accepted it)',
    LOCAL_DELIVERY: 'Delivered by our server to a local mailbox',
    RELAY: 'Handed to a remote server',
    RELAYED: 'Handed to a remote server',
    DSN: 'Delivery report (DSN)',
    MDN: 'Read receipt (MDN)',
    BOUNCE: 'Bounce without a standard report',
    AUTO_REPLY: 'Automatic reply',
    SILENCE: 'No report expected any more',
    FORGED: 'Forged report, ignored'
  };

  // GET /api/v1/messages?messageId= answers an employee with their own message and a compliance officer with
  // anyone's; a compliance officer reads the reports behind it through the compliance API.
  function loadMessage(me) {
    if (Receipts.hasRole(me, 'compliance')) {
      reportBase = '/api/v1/compliance/reports/';
    }
    return Receipts.getJson('/api/v1/messages' + Receipts.query({ messageId: messageId })).then(function (answer) {
      return Receipts.itemsOf(answer)[0] || null;
    });
  }

  // A button that fetches the report behind a timeline entry and shows its fields in the row below.
  function reportToggle(reportId, tbody, row, columns, me) {
    var button = el('button', 'secondary small', 'Show report fields');
    button.type = 'button';
    button.setAttribute('data-show-report', String(reportId));
    button.setAttribute('aria-expanded', 'false');
    var detailRow = null;
    button.addEventListener('click', function () {
      if (detailRow) {
        var open = detailRow.hidden;
        detailRow.hidden = !open;
        button.setAttribute('aria-expanded', open ? 'true' : 'false');
        button.textContent = open ? 'Hide report fields' : 'Show report fields';
        return;
      }
      button.disabled = true;
      detailRow = el('tr', 'report-fields-row');
      var td = el('td');
      td.colSpan = columns;
      td.id = 'report-fields-' + reportId + '-' + Math.random().toString(36).slice(2, 8);
      td.setAttribute('data-report-fields-for', String(reportId));
      td.setAttribute('data-label', 'Report fields');
      var line = el('p', null, 'Loading report ' + reportId + '…');
      line.setAttribute('role', 'status');
      td.appendChild(line);
      detailRow.appendChild(td);
      tbody.insertBefore(detailRow, row.nextSibling);
      button.setAttribute('aria-controls', td.id);
      Receipts.getJson(reportBase + encodeURIComponent(reportId)).then(function (report) {
        Receipts.clear(td);
        td.appendChild(Receipts.reportDetail(report, 'h4'));
        if (Receipts.hasRole(me, 'compliance')) {
          var link = el('a', null, 'Open report ' + reportId + ' on its own page');
          link.href = '/report.html' + Receipts.query({ id: reportId });
          td.appendChild(link);
        }
        button.setAttribute('aria-expanded', 'true');
        button.textContent = 'Hide report fields';
      }).catch(function (error) {
        Receipts.showError(line, 'Could not load report ' + reportId, error);
      }).then(function () {
        button.disabled = false;
      });
    });
    return button;
  }

  function renderRecipient(message, recipient, me) {
    var address = String(recipient.address || '').toLowerCase();
    var delivery = recipient.delivery || {};
    var disposition = recipient.disposition || {};
    var section = el('section', 'recipient-detail');
    section.setAttribute('data-recipient', address);
    section.setAttribute('data-delivery-state', delivery.state || '');
    section.setAttribute('data-disposition-state', disposition.state || '');
    section.setAttribute('data-verification', disposition.verification || 'NONE');
    var heading = el('h2', null, recipient.address || '(no address)');
    heading.id = 'recipient-' + address.replace(/[^a-z0-9]+/g, '-');
    section.setAttribute('aria-labelledby', heading.id);
    section.appendChild(heading);

    var requested = recipient.requested || {};
    var asked = [];
    if (requested.mdn) {
      asked.push('a read receipt');
    }
    if (Array.isArray(requested.notify) && requested.notify.length) {
      asked.push('delivery reports on ' + requested.notify.join(', ').toLowerCase());
    }
    var facts = {
      Delivery: words.delivery(delivery) + (delivery.at ? ' (' + Receipts.when(delivery.at) + ')' : ''),
      'Read receipt': words.disposition(disposition, recipient.requested)
        + (disposition.at ? ' (' + Receipts.when(disposition.at) + ')' : ''),
      Verification: words.verification(disposition.verification, recipient.address),
      Requested: asked.length ? asked.join(' and ') : 'nothing'
    };
    section.appendChild(Receipts.definitionList(facts, null, 'data-cell'));

    var timeline = Array.isArray(recipient.timeline) ? recipient.timeline : [];
    section.appendChild(el('h3', null, 'Timeline'));
    if (!timeline.length) {
      section.appendChild(el('p', 'hint', 'Nothing recorded yet.'));
      return section;
    }
    var headers = ['When', 'What', 'State', 'Status code', 'Detail', 'Report'];
    var table = Receipts.table('Timeline for ' + (recipient.address || ''), headers, 'timeline');
    timeline.forEach(function (entry) {
      var row = el('tr', 'timeline-entry');
      row.setAttribute('data-timeline-kind', entry.kind || '');
      row.setAttribute('data-timeline-state', entry.state || '');
      if (entry.reportId !== undefined && entry.reportId !== null) {
        row.setAttribute('data-report-id', String(entry.reportId));
      }
      Receipts.cell(row, 'When', Receipts.timeEl(entry.at), 'at');
      Receipts.cell(row, 'What', KIND[entry.kind] || entry.kind || '', 'kind');
      Receipts.cell(row, 'State', entry.state || '', 'state');
      Receipts.cell(row, 'Status code', entry.status || '', 'status');
      Receipts.cell(row, 'Detail', Receipts.plain(entry.detail), 'detail');
      Receipts.cell(row, 'Report', entry.reportId !== undefined && entry.reportId !== null
        ? reportToggle(entry.reportId, table.body, row, headers.length, me) : '—', 'report');
      table.body.appendChild(row);
    });
    section.appendChild(table.wrapper);
    return section;
  }

  function render(message, me) {
    document.getElementById('message-heading').textContent = message.subject
      ? 'Message: ' + message.subject : 'Message';
    document.title = 'Message · Receipts';
    var list = Receipts.definitionList({
      'Message-ID': message.messageId,
      Subject: message.subject === undefined ? undefined : message.subject,
      Sender: message.sender,
      'Envelope ID (ENVID)': message.envelopeId,
      Sent: message.submittedAt
    }, null, 'data-message-fact');
    Receipts.clear(document.getElementById('message-facts')).appendChild(list);
    var container = document.getElementById('recipients');
    Receipts.clear(container);
    (message.recipients || []).forEach(function (recipient) {
      container.appendChild(renderRecipient(message, recipient, me));
    });
    document.getElementById('message').hidden = false;
    document.getElementById('message').setAttribute('data-message-id', message.messageId || '');
    if (wanted) {
      var target = container.querySelector('section[data-recipient="' + wanted.replace(/["\\]/g, '\\$&') + '"] h2');
      if (target) {
        target.tabIndex = -1;
        target.scrollIntoView({ block: 'start' });
        target.focus({ preventScroll: true });
      }
    }
  }

  Receipts.start('sent').then(function (me) {
    if (!messageId) {
      Receipts.showStatus(status, 'No message given: open a message from Sent receipts.', 'error');
      Receipts.markLoaded('true');
      return null;
    }
    return loadMessage(me).then(function (message) {
      if (!message) {
        Receipts.showStatus(status, 'Message ' + messageId + ' was not found, or it is not yours.', 'error');
        Receipts.markLoaded('true');
        return;
      }
      render(message, me);
      status.hidden = true;
      Receipts.markLoaded('true');
    });
  }).catch(function (error) {
    Receipts.showError(status, 'Could not load the message', error);
    Receipts.markLoaded('error');
  });
})();
