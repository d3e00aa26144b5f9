'use strict';
// Legal holds (GET/POST /api/v1/admin/legal-holds, DELETE /{id}), shared by the compliance and admin pages:
// mount(section, onChange) wires the list [data-legal-holds], the form[data-hold-form] and the [data-hold-status]
// line found inside section; onChange, if given, is called after a hold was placed or released. Every value goes
// in as text.
var ReceiptsLegalHolds = (function () {
  var URL = '/api/v1/admin/legal-holds';
  var KIND = { MESSAGE: 'Message', SENDER: 'Sender (all messages)' };

  function first(item, keys) {
    for (var i = 0; i < keys.length; i++) {
      if (item[keys[i]] !== undefined && item[keys[i]] !== null && item[keys[i]] !== '') {
        return item[keys[i]];
      }
    }
    return null;
  }

  function mount(section, onChange) {
    var list = section.querySelector('[data-legal-holds]');
    var form = section.querySelector('form[data-hold-form]');
    var status = section.querySelector('[data-hold-status]');

    function release(hold, button) {
      button.disabled = true;
      Receipts.showStatus(status, 'Releasing…', 'busy');
      Receipts.api('DELETE', URL + '/' + encodeURIComponent(hold.id)).then(function () {
        Receipts.showStatus(status, 'Hold on ' + (hold.value || '') + ' released.', 'ok');
        return reload();
      }, function (error) {
        button.disabled = false;
        Receipts.showError(status, 'The hold was not released', error);
      });
    }

    function renderRow(hold) {
      var row = Receipts.el('tr');
      row.setAttribute('data-hold-id', hold.id === undefined || hold.id === null ? '' : String(hold.id));
      row.setAttribute('data-hold-kind', hold.kind || '');
      row.setAttribute('data-hold-value', hold.value || '');
      var released = first(hold, ['releasedAt', 'released']);
      row.setAttribute('data-hold-active', released ? 'false' : 'true');
      Receipts.cell(row, 'Kind', KIND[hold.kind] || hold.kind || '', 'kind');
      Receipts.cell(row, 'Held', hold.value || '', 'value');
      Receipts.cell(row, 'Reason', hold.reason || '', 'reason');
      Receipts.cell(row, 'Placed', [Receipts.timeEl(first(hold, ['createdAt', 'placedAt', 'at'])),
        first(hold, ['createdBy', 'placedBy', 'actor']) ? ' by ' + first(hold, ['createdBy', 'placedBy', 'actor']) : ''],
      'placed');
      var action;
      if (released) {
        action = 'Released ' + Receipts.when(typeof released === 'string' ? released : '');
      } else {
        action = Receipts.el('button', 'secondary small', 'Release');
        action.type = 'button';
        action.setAttribute('data-hold-release', String(hold.id));
        action.setAttribute('aria-label', 'Release the hold on ' + (hold.value || ''));
        action.addEventListener('click', function () {
          release(hold, action);
        });
      }
      Receipts.cell(row, 'Action', action, 'action');
      return row;
    }

    function load() {
      return Receipts.getJson(URL).then(function (data) {
        var holds = Array.isArray(data) ? data : (data && data.items) || [];
        Receipts.clear(list);
        if (!holds.length) {
          list.appendChild(Receipts.el('p', 'note', 'No legal hold is in place.'));
          return;
        }
        var table = Receipts.table('Legal holds', ['Kind', 'Held', 'Reason', 'Placed', 'Action'], 'holds');
        holds.forEach(function (hold) {
          table.body.appendChild(renderRow(hold));
        });
        list.appendChild(table.wrapper);
      });
    }

    function reload() {
      if (onChange) {
        onChange();
      }
      return load().catch(function (error) {
        Receipts.showError(status, 'Could not reload the legal holds', error);
      });
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var body = {
        kind: form.elements.kind.value,
        value: form.elements.value.value.trim(),
        reason: form.elements.reason.value.trim()
      };
      if (!body.value || !body.reason) {
        Receipts.showStatus(status, 'Give the Message-ID or address to hold, and the reason.', 'error');
        (body.value ? form.elements.reason : form.elements.value).focus();
        return;
      }
      var button = form.querySelector('button[type="submit"]');
      button.disabled = true;
      Receipts.showStatus(status, 'Placing the hold…', 'busy');
      Receipts.api('POST', URL, body).then(function () {
        form.reset();
        Receipts.showStatus(status, 'Hold placed on ' + body.value + '.', 'ok');
        return reload();
      }, function (error) {
        Receipts.showError(status, 'The hold was not placed', error);
      }).then(function () {
        button.disabled = false;
      });
    });

    return load().catch(function (error) {
      Receipts.showError(status, 'Could not load the legal holds', error);
    });
  }

  return { mount: mount };
})();
