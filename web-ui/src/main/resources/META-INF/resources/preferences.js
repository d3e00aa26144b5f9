'use strict';
// "My receipt policy": reads and saves GET/PUT /api/v1/me/policy and shows where the organisation's stricter
// policy wins. Helpers in common.js.
(function () {
  var AUDIENCES = ['internal', 'external'];
  var CHOICES = ['ALWAYS', 'NEVER', 'ASK'];
  var AUDIENCE_WORDS = { internal: 'internal senders', external: 'external senders' };

  var status = document.getElementById('status');
  var form = document.getElementById('policy-form');
  var saved = document.getElementById('policy-saved');
  var saveButton = document.getElementById('policy-save');

  function isChoice(value) {
    return CHOICES.indexOf(value) >= 0;
  }

  // The employee's own choices: nested under a name, or at the top level of the answer.
  // GET /api/v1/me/policy: {own:{internal,external}, organisation:{internal,external,…}, effective:{internal:{choice,
  // source,organisationStricter}, external:…}}. The service decides what is in effect; the page only shows it.
  function ownChoices(data) {
    var own = data.own || {};
    return {
      internal: isChoice(own.internal) ? own.internal : null,
      external: isChoice(own.external) ? own.external : null
    };
  }

  function organisationRules(data) {
    return data.organisation || null;
  }

  function effectiveOf(data, own, org, audience) {
    return data.effective[audience];
  }

  function effectiveText(effective) {
    var choice = Receipts.ledger.CHOICE[effective.choice] || effective.choice;
    if (effective.source === 'ORGANISATION') {
      return 'In effect now: ' + choice + ', by the organisation\'s policy.';
    }
    if (effective.source === 'DEFAULT') {
      return 'In effect now: ' + choice + ', the default (you have not chosen).';
    }
    return 'In effect now: ' + choice + ', your choice.';
  }

  function orgRuleText(rule, audience) {
    if (rule === 'NEVER') {
      return 'Never: no read receipt goes to ' + AUDIENCE_WORDS[audience] + ', whatever the employee chose.';
    }
    if (rule === 'EMPLOYEE_CHOICE') {
      return 'Your choice applies.';
    }
    return rule ? String(rule) : 'Not known.';
  }

  function renderOrganisation(org) {
    var list = document.getElementById('org-policy');
    Receipts.clear(list);
    AUDIENCES.forEach(function (audience) {
      var term = Receipts.el('dt', null, audience === 'internal' ? 'Internal senders' : 'External senders');
      var value = Receipts.el('dd', null, orgRuleText(org && org[audience], audience));
      value.setAttribute('data-org-rule', audience);
      value.setAttribute('data-rule', (org && org[audience]) || '');
      list.appendChild(term);
      list.appendChild(value);
    });
    if (org && org.updatedAt) {
      list.appendChild(Receipts.el('dt', null, 'Last changed'));
      list.appendChild(Receipts.el('dd', null, Receipts.when(org.updatedAt)));
    }
    document.getElementById('org-section').hidden = false;
  }

  function render(data, org) {
    var own = ownChoices(data);
    AUDIENCES.forEach(function (audience) {
      var effective = effectiveOf(data, own, org, audience);
      var locked = (org && org[audience] === 'NEVER') || effective.source === 'ORGANISATION';
      var checked = own[audience] || (effective.source === 'EMPLOYEE' ? effective.choice : 'ASK');
      Array.prototype.forEach.call(form.elements[audience], function (input) {
        input.checked = input.value === checked;
        input.disabled = locked;
      });
      var group = form.querySelector('[data-policy-group="' + audience + '"]');
      group.setAttribute('data-org-locked', locked ? 'true' : 'false');
      var override = form.querySelector('[data-org-override="' + audience + '"]');
      override.hidden = !locked;
      override.textContent = locked
        ? 'The organisation\'s stricter policy wins: no read receipt goes to ' + AUDIENCE_WORDS[audience]
          + ', whatever you choose. Your own choice (shown dimmed) is kept and applies again if the organisation'
          + ' lifts its rule.'
        : '';
      var effectiveNode = form.querySelector('[data-effective="' + audience + '"]');
      effectiveNode.textContent = effectiveText(effective);
      effectiveNode.setAttribute('data-effective-choice', effective.choice || '');
      effectiveNode.setAttribute('data-effective-source', effective.source || '');
    });
    document.getElementById('policy-updated').textContent = data.updatedAt
      ? 'You last changed your policy on ' + Receipts.when(data.updatedAt) + '.'
      : 'You have not set a policy yet: the default (Ask) applies to both.';
    renderOrganisation(org);
    form.hidden = false;
  }

  function load() {
    return Receipts.getJson('/api/v1/me/policy').then(function (data) {
      render(data, organisationRules(data));
    });
  }

  function checkedValue(audience) {
    var input = form.querySelector('input[name="' + audience + '"]:checked');
    return input ? input.value : 'ASK';
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var body = { internal: checkedValue('internal'), external: checkedValue('external') };
    saveButton.disabled = true;
    Receipts.showStatus(saved, 'Saving…', 'busy');
    // Reload after saving: the answer to GET is the one shape this page relies on.
    var savedText = 'Saved. The mail server applies your policy from its next policy refresh.';
    Receipts.api('PUT', '/api/v1/me/policy', body).then(function () {
      return load().then(function () {
        Receipts.showStatus(saved, savedText, 'ok');
      }, function (error) {
        Receipts.showStatus(saved, savedText, 'ok');
        Receipts.showError(status, 'Your policy was saved, but could not be shown again', error);
      });
    }, function (error) {
      Receipts.showError(saved, 'Your policy was not saved', error);
    }).then(function () {
      saveButton.disabled = false;
    });
  });

  Receipts.start('preferences').then(load).then(function () {
    Receipts.showStatus(status, 'Your policy is shown below.');
    Receipts.markLoaded('true');
  }).catch(function (error) {
    Receipts.showError(status, 'Could not load your policy', error);
    Receipts.markLoaded('error');
  });
})();
