'use strict';
// Admin: organisation policy (GET/PUT /api/v1/admin/organisation-policy), legal holds (legal-holds.js), the
// retention purge (POST /api/v1/admin/purges, then GET /api/v1/admin/purges/{id} every second), erasure
// requests (POST/GET /api/v1/admin/erasures) and the audit log (GET /api/v1/admin/audit). Values go in as text.
(function () {
  var status = document.getElementById('status');

  // --- organisation policy --------------------------------------------------------------------------------

  var orgForm = document.getElementById('org-policy-form');
  var orgSaved = document.getElementById('org-policy-saved');
  var AUDIENCES = ['internal', 'external'];

  function renderOrgPolicy(policy) {
    AUDIENCES.forEach(function (audience) {
      var rule = policy && policy[audience] === 'NEVER' ? 'NEVER' : 'EMPLOYEE_CHOICE';
      Array.prototype.forEach.call(orgForm.elements[audience], function (input) {
        input.checked = input.value === rule;
      });
    });
    var updated = document.getElementById('org-policy-updated');
    updated.textContent = policy && policy.updatedAt
      ? 'Last changed ' + Receipts.when(policy.updatedAt) + (policy.updatedBy ? ' by ' + policy.updatedBy : '') + '.'
      : 'Never changed: each employee decides, for both audiences.';
  }

  function loadOrgPolicy() {
    return Receipts.getJson('/api/v1/admin/organisation-policy').then(renderOrgPolicy);
  }

  function checked(form, name, fallback) {
    var input = form.querySelector('input[name="' + name + '"]:checked');
    return input ? input.value : fallback;
  }

  orgForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var body = {
      internal: checked(orgForm, 'internal', 'EMPLOYEE_CHOICE'),
      external: checked(orgForm, 'external', 'EMPLOYEE_CHOICE')
    };
    var button = document.getElementById('org-policy-save');
    button.disabled = true;
    Receipts.showStatus(orgSaved, 'Saving…', 'busy');
    Receipts.api('PUT', '/api/v1/admin/organisation-policy', body).then(function () {
      return loadOrgPolicy().catch(function () {
        return null;
      }).then(function () {
        Receipts.showStatus(orgSaved, 'Saved. The mail server applies it from its next policy refresh.', 'ok');
        reloadAudit();
      });
    }, function (error) {
      Receipts.showError(orgSaved, 'The organisation policy was not saved', error);
    }).then(function () {
      button.disabled = false;
    });
  });

  // --- purge ----------------------------------------------------------------------------------------------

  var purgeButton = document.getElementById('purge-run');
  var purgeStatus = document.getElementById('purge-status');
  var POLL_MS = 1000;
  var MAX_POLL_FAILURES = 5;

  function purgeStateText(run) {
    switch (run.status) {
      case 'RUNNING':
        return 'Purge running…';
      case 'DONE':
        return 'Purge finished' + (run.finishedAt ? ' at ' + Receipts.when(run.finishedAt) : '') + '.';
      case 'FAILED':
        return 'Purge failed' + (run.finishedAt ? ' at ' + Receipts.when(run.finishedAt) : '') + '.';
      default:
        return 'Purge: ' + (run.status || 'unknown state');
    }
  }

  function renderPurge(run) {
    Receipts.clear(purgeStatus);
    purgeStatus.setAttribute('data-purge-state', run.status || '');
    purgeStatus.setAttribute('data-purge-id', run.id === undefined || run.id === null ? '' : String(run.id));
    var line = Receipts.el('p', run.status === 'FAILED' ? 'error' : run.status === 'DONE' ? 'ok' : null,
      purgeStateText(run));
    purgeStatus.appendChild(line);
    if (run.startedAt) {
      purgeStatus.appendChild(Receipts.el('p', 'note', 'Started ' + Receipts.when(run.startedAt) + '.'));
    }
    if (run.error || run.detail) {
      purgeStatus.appendChild(Receipts.el('p', 'error', Receipts.plain(run.error || run.detail)));
    }
    var progress = run.progress || {};
    var kinds = Object.keys(progress);
    if (!kinds.length) {
      return;
    }
    var list = Receipts.el('ul', 'purge-progress');
    list.setAttribute('data-purge-progress', '');
    kinds.forEach(function (kind) {
      var entry = progress[kind] || {};
      var deleted = typeof entry.deleted === 'number' ? entry.deleted : 0;
      var done = entry.done === true || run.status === 'DONE';
      var item = Receipts.el('li');
      item.setAttribute('data-purge-kind', kind);
      item.setAttribute('data-done', done ? 'true' : 'false');
      item.setAttribute('data-deleted', String(deleted));
      var label = Receipts.el('span', 'purge-kind',
        Receipts.title(kind) + ': ' + deleted.toLocaleString() + ' row(s) deleted' + (done ? ', done' : ', working…'));
      var id = 'purge-kind-' + kind.replace(/[^A-Za-z0-9_-]/g, '_');
      label.id = id;
      var bar = document.createElement('progress');
      bar.setAttribute('aria-labelledby', id);
      bar.max = 1;
      if (done) {
        bar.value = 1;
      } else if (run.status !== 'RUNNING') {
        bar.value = 0;
      }
      // While running and not done the bar has no value: the browser shows it as indeterminate, since the
      // number of rows left to delete is not known.
      item.appendChild(label);
      item.appendChild(bar);
      list.appendChild(item);
    });
    purgeStatus.appendChild(list);
  }

  function pollPurge(id, failures) {
    Receipts.getJson('/api/v1/admin/purges/' + encodeURIComponent(id)).then(function (run) {
      renderPurge(run);
      if (run.status === 'RUNNING') {
        window.setTimeout(function () {
          pollPurge(id, 0);
        }, POLL_MS);
      } else {
        purgeButton.disabled = false;
        reloadAudit();
      }
    }, function (error) {
      if (error.status === 401 || failures + 1 >= MAX_POLL_FAILURES) {
        purgeButton.disabled = false;
        var message = Receipts.el('p', 'error', 'Lost track of the purge: ' + error.message);
        purgeStatus.appendChild(message);
        return;
      }
      window.setTimeout(function () {
        pollPurge(id, failures + 1);
      }, POLL_MS);
    });
  }

  purgeButton.addEventListener('click', function () {
    purgeButton.disabled = true;
    Receipts.clear(purgeStatus);
    purgeStatus.setAttribute('data-purge-state', 'STARTING');
    purgeStatus.appendChild(Receipts.el('p', null, 'Starting the purge…'));
    Receipts.api('POST', '/api/v1/admin/purges').then(function (run) {
      run = run || {};
      renderPurge({ id: run.id, status: run.status || 'RUNNING', startedAt: run.startedAt, progress: run.progress });
      if (run.id === undefined || run.id === null) {
        throw new Error('The service did not say which purge run started.');
      }
      if (run.status && run.status !== 'RUNNING') {
        purgeButton.disabled = false;
        return;
      }
      window.setTimeout(function () {
        pollPurge(run.id, 0);
      }, POLL_MS);
    }).catch(function (error) {
      purgeButton.disabled = false;
      Receipts.clear(purgeStatus);
      purgeStatus.setAttribute('data-purge-state', 'ERROR');
      purgeStatus.appendChild(Receipts.el('p', 'error', 'The purge did not start: ' + error.message));
    });
  });

  // On arrival: show the latest run, and follow it if it is still running.
  function loadLatestPurge() {
    return Receipts.getJson('/api/v1/admin/purges').then(function (data) {
      var runs = Receipts.itemsOf(data);
      if (!runs.length) {
        purgeStatus.setAttribute('data-purge-state', '');
        purgeStatus.appendChild(Receipts.el('p', 'note', 'No purge has run yet.'));
        return;
      }
      var latest = runs.reduce(function (a, b) {
        return String(b.startedAt || '') > String(a.startedAt || '') ? b : a;
      });
      renderPurge(latest);
      if (latest.status === 'RUNNING' && latest.id !== undefined && latest.id !== null) {
        purgeButton.disabled = true;
        window.setTimeout(function () {
          pollPurge(latest.id, 0);
        }, POLL_MS);
      }
    }).catch(function (error) {
      purgeStatus.appendChild(Receipts.el('p', 'error', 'Could not load the purge runs: ' + error.message));
    });
  }

  // --- erasure --------------------------------------------------------------------------------------------

  var erasureForm = document.getElementById('erasure-form');
  var erasureConfirm = document.getElementById('erasure-confirm');
  var erasureConfirmButton = document.getElementById('erasure-confirm-button');
  var erasureResult = document.getElementById('erasure-result');
  var erasures = document.getElementById('erasures');
  var pending = null;

  function cancelErasure() {
    pending = null;
    erasureConfirm.hidden = true;
  }

  function erasureMessage(kind, text) {
    Receipts.clear(erasureResult);
    erasureResult.setAttribute('data-state', kind);
    erasureResult.appendChild(Receipts.el('p', kind === 'error' ? 'error' : kind === 'ok' ? 'ok' : null, text));
  }

  erasureForm.addEventListener('input', cancelErasure);

  erasureForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var address = erasureForm.elements.address.value.trim();
    var reason = erasureForm.elements.reason.value.trim();
    if (!address || !reason) {
      erasureMessage('error', 'Give the address to erase and the reason.');
      (address ? erasureForm.elements.reason : erasureForm.elements.address).focus();
      return;
    }
    pending = { address: address, reason: reason };
    Receipts.clear(erasureResult);
    document.getElementById('erasure-confirm-text').textContent = 'Erase ' + address + '? Its sent messages are '
      + 'deleted (unless held) and it is replaced by a pseudonym everywhere else. This cannot be undone.';
    erasureConfirm.hidden = false;
    erasureConfirmButton.focus();
  });

  document.getElementById('erasure-cancel').addEventListener('click', function () {
    cancelErasure();
    erasureMessage('info', 'Nothing was erased.');
    erasureForm.elements.address.focus();
  });

  erasureConfirmButton.addEventListener('click', function () {
    if (!pending) {
      return;
    }
    var request = pending;
    erasureConfirmButton.disabled = true;
    erasureMessage('busy', 'Erasing…');
    Receipts.api('POST', '/api/v1/admin/erasures', request).then(function (answer) {
      cancelErasure();
      erasureForm.reset();
      erasureMessage('ok', 'Erased. The request is logged under the pseudonym, not the address.');
      if (answer && typeof answer === 'object') {
        var details = Receipts.el('p', 'note', Receipts.plain(answer));
        details.setAttribute('data-erasure-details', '');
        erasureResult.appendChild(details);
      }
      reloadErasures();
      reloadAudit();
    }, function (error) {
      erasureMessage('error', 'Nothing was erased: ' + error.message);
    }).then(function () {
      erasureConfirmButton.disabled = false;
    });
  });

  function loadErasures() {
    return Receipts.getJson('/api/v1/admin/erasures').then(function (data) {
      var items = Receipts.itemsOf(data);
      Receipts.clear(erasures);
      if (!items.length) {
        erasures.appendChild(Receipts.el('p', 'note', 'No erasure has been requested.'));
        return;
      }
      erasures.appendChild(Receipts.objectTable('Erasure requests', items, {
        leading: ['at', 'requestedAt', 'createdAt', 'pseudonym', 'reason', 'status', 'requestedBy', 'actor'],
        className: 'erasures',
        decorate: function (tr, item) {
          tr.setAttribute('data-erasure-pseudonym', String(item.pseudonym || ''));
        }
      }).wrapper);
    });
  }

  function reloadErasures() {
    loadErasures().catch(function (error) {
      Receipts.clear(erasures);
      erasures.appendChild(Receipts.el('p', 'error', 'Could not load the erasure requests: ' + error.message));
    });
  }

  // --- audit log ------------------------------------------------------------------------------------------

  var AUDIT_SIZE = 50;
  var auditStatus = document.getElementById('audit-status');
  var auditLog = document.getElementById('audit-log');
  var auditPager = Receipts.pager(document.getElementById('audit-pager'), loadAudit);
  var auditPage = 0;
  var isAdmin = false;

  function loadAudit(page) {
    Receipts.showStatus(auditStatus, 'Loading…', 'busy');
    return Receipts.getJson('/api/v1/admin/audit' + Receipts.query({ page: page, size: AUDIT_SIZE }))
      .then(function (data) {
        var items = Receipts.itemsOf(data);
        auditPage = page;
        Receipts.clear(auditLog);
        if (items.length) {
          var table = Receipts.table('Audit log', ['When', 'Who', 'Action', 'Target', 'Justification', 'Detail'],
            'audit');
          items.forEach(function (item) {
            var row = Receipts.el('tr');
            row.setAttribute('data-audit-action', String(item.action || ''));
            row.setAttribute('data-audit-actor', String(item.actor || '').toLowerCase());
            Receipts.cell(row, 'When', Receipts.timeEl(item.at), 'at');
            Receipts.cell(row, 'Who', item.actor || '', 'actor');
            Receipts.cell(row, 'Action', item.action || '', 'action');
            Receipts.cell(row, 'Target', Receipts.plain(item.target), 'target');
            Receipts.cell(row, 'Justification', Receipts.plain(item.justification), 'justification');
            Receipts.cell(row, 'Detail', Receipts.plain(item.detail), 'detail');
            table.body.appendChild(row);
          });
          auditLog.appendChild(table.wrapper);
        }
        auditPager.update(page, AUDIT_SIZE, items.length);
        Receipts.showStatus(auditStatus, items.length
          ? items.length + ' entr' + (items.length === 1 ? 'y' : 'ies') + ' on this page, newest first.'
          : 'No audit entry on this page.');
      }).catch(function (error) {
        Receipts.showError(auditStatus, 'Could not load the audit log', error);
      });
  }

  // After an action that is audited, show it (only when looking at the first page, so as not to move the reader).
  function reloadAudit() {
    if (isAdmin && auditPage === 0) {
      loadAudit(0);
    }
  }

  // --- start ----------------------------------------------------------------------------------------------

  Receipts.start('admin').then(function (me) {
    if (!Receipts.showSectionsFor(me)) {
      Receipts.showStatus(status, 'This page is for administrators; your account does not have that role.', 'error');
      Receipts.markLoaded('true');
      return null;
    }
    isAdmin = Receipts.hasRole(me, 'admin');
    status.hidden = true;
    document.getElementById('admin-toc').hidden = !isAdmin;
    var loads = [ReceiptsLegalHolds.mount(document.getElementById('holds-section'), reloadAudit)];
    if (isAdmin) {
      loads.push(
        loadOrgPolicy().catch(function (error) {
          Receipts.showError(orgSaved, 'Could not load the organisation policy', error);
        }),
        loadLatestPurge(),
        loadErasures().catch(function (error) {
          erasures.appendChild(Receipts.el('p', 'error', 'Could not load the erasure requests: ' + error.message));
        }),
        loadAudit(0));
    }
    return Promise.all(loads).then(function () {
      Receipts.markLoaded('true');
    });
  }).catch(function (error) {
    Receipts.showError(status, 'Could not load the admin page', error);
    Receipts.markLoaded('error');
  });
})();
