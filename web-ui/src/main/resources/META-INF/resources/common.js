'use strict';
// Shared by every signed-in page: the API wrapper, the header (user and navigation), dates, status and error
// lines, tables, paging, and the plain-words texts for the consent ledger. Every value from the API goes into
// the page with textContent or DOM properties, never as markup: subjects, addresses, pseudonyms and
// justifications may contain HTML and must stay inert text.
var Receipts = (function () {
  var NAV = [
    { key: 'sent', href: '/index.html', text: 'Sent receipts' },
    { key: 'about-me', href: '/about-me.html', text: 'Receipts about me' },
    { key: 'preferences', href: '/preferences.html', text: 'My receipt policy' },
    { key: 'compliance', href: '/compliance.html', text: 'Compliance', role: 'compliance' },
    { key: 'admin', href: '/admin.html', text: 'Admin', role: 'admin' }
  ];

  // --- DOM ------------------------------------------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
    return node;
  }

  // --- API ------------------------------------------------------------------------------------------------

  function ApiError(status, message, body) {
    this.name = 'ApiError';
    this.status = status;
    this.message = message;
    this.body = body;
  }
  ApiError.prototype = Object.create(Error.prototype);
  ApiError.prototype.constructor = ApiError;

  function defaultMessage(status) {
    if (status === 403) {
      return 'You are not allowed to do this.';
    }
    if (status === 404) {
      return 'Not found.';
    }
    return 'The service answered ' + status + '.';
  }

  // The CSRF header goes on every call: the service demands it on POST, PUT and DELETE under /api/, and a
  // cross-site form cannot set it.
  function api(method, url, body) {
    var headers = { 'Accept': 'application/json', 'X-Receipts-CSRF': '1' };
    var init = { method: method, credentials: 'same-origin', headers: headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (response) {
      if (response.status === 401) {
        window.location.assign('/login.html');
        throw new ApiError(401, 'Your session has ended; please sign in again.', null);
      }
      return response.text().then(function (text) {
        var data = null;
        if (text) {
          try {
            data = JSON.parse(text);
          } catch (ignored) {
            data = null;
          }
        }
        if (!response.ok) {
          var message = data && typeof data.error === 'string' && data.error ? data.error : defaultMessage(response.status);
          throw new ApiError(response.status, message, data);
        }
        return data;
      });
    }, function () {
      throw new ApiError(0, 'The service could not be reached. Check your connection and try again.', null);
    });
  }

  function getJson(url) {
    return api('GET', url);
  }

  function query(params) {
    var search = new URLSearchParams();
    Object.keys(params).forEach(function (key) {
      var value = params[key];
      if (value !== undefined && value !== null && value !== '') {
        search.set(key, String(value));
      }
    });
    var text = search.toString();
    return text ? '?' + text : '';
  }

  // --- header ---------------------------------------------------------------------------------------------

  function hasRole(me, role) {
    return !!(me && Array.isArray(me.roles) && me.roles.indexOf(role) >= 0);
  }

  function renderNav(me, current) {
    var nav = document.querySelector('[data-nav]');
    if (!nav) {
      return;
    }
    var list = el('ul', 'nav-links');
    NAV.forEach(function (item) {
      if (item.role && !hasRole(me, item.role)) {
        return;
      }
      var link = el('a', null, item.text);
      link.href = item.href;
      link.setAttribute('data-nav-link', item.key);
      if (item.key === current) {
        link.setAttribute('aria-current', 'page');
      }
      var entry = el('li');
      entry.appendChild(link);
      list.appendChild(entry);
    });
    clear(nav).appendChild(list);
  }

  // Loads the caller, fills in the header; resolves with {user, roles}.
  function start(current) {
    return getJson('/api/v1/me').then(function (me) {
      var user = document.querySelector('[data-current-user]');
      if (user) {
        user.textContent = me.user || '';
      }
      renderNav(me, current);
      return me;
    });
  }

  // Shows the sections of a page that the caller's roles allow (data-requires="admin compliance": any of them);
  // answers whether any section is shown.
  function showSectionsFor(me) {
    var shown = 0;
    Array.prototype.forEach.call(document.querySelectorAll('[data-requires]'), function (section) {
      var allowed = section.getAttribute('data-requires').split(/\s+/).some(function (role) {
        return hasRole(me, role);
      });
      section.hidden = !allowed;
      if (allowed) {
        shown++;
      }
    });
    return shown > 0;
  }

  function markLoaded(state) {
    document.body.setAttribute('data-loaded', state);
  }

  // --- dates, status and errors ---------------------------------------------------------------------------

  function when(instant) {
    if (!instant) {
      return '';
    }
    var date = new Date(instant);
    return isNaN(date.getTime()) ? String(instant) : date.toLocaleString();
  }

  function timeEl(instant) {
    var node = el('time', null, when(instant));
    if (instant) {
      node.setAttribute('datetime', String(instant));
    }
    return node;
  }

  // kind: 'ok', 'error', 'busy' or nothing. The state also goes into data-state for browser tests.
  function showStatus(node, text, kind) {
    if (!node) {
      return;
    }
    node.hidden = false;
    node.textContent = text;
    node.classList.remove('error', 'ok');
    if (kind === 'error' || kind === 'ok') {
      node.classList.add(kind);
    }
    node.setAttribute('data-state', kind || 'info');
  }

  function showError(node, prefix, error) {
    var message = error && error.message ? error.message : String(error);
    showStatus(node, prefix ? prefix + ': ' + message : message, 'error');
  }

  // --- tables ---------------------------------------------------------------------------------------------

  // A table in a keyboard-scrollable region; on a narrow screen each row becomes a block (see receipts.css).
  function table(caption, headers, className) {
    var wrapper = el('div', 'table-scroll');
    wrapper.setAttribute('role', 'region');
    wrapper.setAttribute('aria-label', caption);
    wrapper.tabIndex = 0;
    var node = el('table', 'data' + (className ? ' ' + className : ''));
    node.appendChild(el('caption', 'visually-hidden', caption));
    var head = el('thead');
    var row = el('tr');
    headers.forEach(function (title) {
      var th = el('th', null, title);
      th.scope = 'col';
      row.appendChild(th);
    });
    head.appendChild(row);
    node.appendChild(head);
    var body = el('tbody');
    node.appendChild(body);
    wrapper.appendChild(node);
    return { wrapper: wrapper, table: node, body: body, headers: headers };
  }

  // Appends a cell; content is text, a node, or an array of them.
  function cell(row, label, content, dataCell) {
    var td = el('td');
    td.setAttribute('data-label', label);
    if (dataCell) {
      td.setAttribute('data-cell', dataCell);
    }
    (Array.isArray(content) ? content : [content]).forEach(function (part) {
      if (part === undefined || part === null) {
        return;
      }
      td.appendChild(typeof part === 'object' && part.nodeType ? part : document.createTextNode(String(part)));
    });
    row.appendChild(td);
    return td;
  }

  // Any value as inert text: objects become "key: value, …".
  function plain(value) {
    if (value === undefined || value === null) {
      return '';
    }
    if (typeof value === 'object') {
      if (Array.isArray(value)) {
        return value.map(plain).join(', ');
      }
      return Object.keys(value).map(function (key) {
        return key + ': ' + plain(value[key]);
      }).join(', ');
    }
    return String(value);
  }

  // "senderDomain" -> "Sender domain".
  function title(key) {
    var words = String(key).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  // A table of objects whose fields are not known in advance: one column per field seen, the leading ones
  // first; titles maps a field to its column title. decorate(tr, item) may add attributes to each row.
  function objectTable(caption, items, options) {
    options = options || {};
    var leading = options.leading || [];
    var titles = Object.assign({ at: 'When' }, options.titles || {});
    var keys = [];
    items.forEach(function (item) {
      Object.keys(item || {}).forEach(function (key) {
        if (keys.indexOf(key) < 0) {
          keys.push(key);
        }
      });
    });
    keys.sort(function (a, b) {
      var ia = leading.indexOf(a);
      var ib = leading.indexOf(b);
      return (ia < 0 ? leading.length : ia) - (ib < 0 ? leading.length : ib);
    });
    var names = keys.map(function (key) {
      return titles[key] || title(key);
    });
    var result = table(caption, names, options.className);
    items.forEach(function (item) {
      var tr = el('tr');
      keys.forEach(function (key, index) {
        var value = item ? item[key] : null;
        var looksLikeInstant = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value);
        var td = cell(tr, names[index], looksLikeInstant ? timeEl(value)
          : typeof value === 'number' ? value.toLocaleString() : plain(value), key);
        if (typeof value === 'number') {
          td.classList.add('number');
        }
      });
      if (options.decorate) {
        options.decorate(tr, item || {});
      }
      result.body.appendChild(tr);
    });
    return result;
  }

  // A list answer: either an array or {items: [...]}.
  function itemsOf(data) {
    if (Array.isArray(data)) {
      return data;
    }
    return (data && Array.isArray(data.items)) ? data.items : [];
  }

  // --- paging ---------------------------------------------------------------------------------------------

  // Fills a [data-pager] element with Previous / Next buttons. The API has no total: "next" is offered when a
  // page came back full. onPage(page) must load that page and call update(page, size, count).
  function pager(node, onPage) {
    clear(node);
    var previous = el('button', 'secondary', 'Previous page');
    previous.type = 'button';
    previous.setAttribute('data-page-prev', '');
    var info = el('span', 'page-info');
    info.setAttribute('data-page-info', '');
    info.setAttribute('aria-live', 'polite');
    var next = el('button', 'secondary', 'Next page');
    next.type = 'button';
    next.setAttribute('data-page-next', '');
    node.appendChild(previous);
    node.appendChild(info);
    node.appendChild(next);
    var state = { page: 0 };
    previous.addEventListener('click', function () {
      if (state.page > 0) {
        onPage(state.page - 1);
      }
    });
    next.addEventListener('click', function () {
      onPage(state.page + 1);
    });
    return {
      update: function (page, size, count) {
        state.page = page;
        previous.disabled = page <= 0;
        next.disabled = count < size;
        info.textContent = count
          ? 'Page ' + (page + 1) + ' (rows ' + (page * size + 1) + '–' + (page * size + count) + ')'
          : 'Page ' + (page + 1) + ': no rows';
        node.setAttribute('data-page', String(page));
      }
    };
  }

  // --- consent ledger wording -----------------------------------------------------------------------------

  var KIND = {
    REQUEST_RECEIVED: 'Read receipt requested',
    MDN_SENT: 'Read receipt sent',
    MDN_LEFT_TO_CLIENT: 'Read receipt left to the mail program',
    MDN_STOPPED: 'Read receipt stopped'
  };
  var CHOICE = { ALWAYS: 'Always send', NEVER: 'Never send', ASK: 'Ask (leave it to the mail program)' };
  var AUDIENCE = { INTERNAL: 'internal senders', EXTERNAL: 'external senders' };
  var DISPOSITION = {
    displayed: 'Displayed (the mail program says it showed the message; not proof that it was read)',
    deleted: 'Deleted without being displayed',
    dispatched: 'Dispatched without being displayed',
    processed: 'Processed without being displayed'
  };

  // who: YOU for the employee's own page, EMPLOYEE for compliance.
  var YOU = { Subject: 'You', subject: 'you', possessive: 'your', program: 'your mail program', Program: 'Your mail program' };
  var EMPLOYEE = {
    Subject: 'The employee', subject: 'the employee', possessive: "the employee's",
    program: "the employee's mail program", Program: "The employee's mail program"
  };

  function kindText(kind) {
    return KIND[kind] || kind || '';
  }

  function whatHappened(row, who) {
    switch (row.kind) {
      case 'REQUEST_RECEIVED':
        return 'Asked ' + who.subject + ' for a read receipt.';
      case 'MDN_SENT':
        return who.Program + ' sent a read receipt; the server let it through.';
      case 'MDN_LEFT_TO_CLIENT':
        return who.Program + ' sent a read receipt; the server left the decision to it and let it through.';
      case 'MDN_STOPPED':
        return who.Program + ' sent a read receipt; the server stopped it, it was never delivered.';
      default:
        return kindText(row.kind);
    }
  }

  function audienceText(audience) {
    return AUDIENCE[audience] || 'this audience';
  }

  // Which policy decided, in plain words, e.g. "Stopped by your policy for external senders".
  function policyText(row, who) {
    var policy = row.policy || {};
    var audience = audienceText(row.audience);
    var organisation = policy.source === 'ORGANISATION';
    var whose = organisation ? "the organisation's policy" : who.possessive + ' policy';
    var choice = CHOICE[policy.choice] || policy.choice || '';
    if (policy.source === 'DEFAULT') {
      var why = row.kind !== 'REQUEST_RECEIVED' && !policy.version
        ? 'the mail server had not loaded any policy yet'
        : who.subject + (who === YOU ? ' have' : ' has') + ' not set a policy';
      if (row.kind === 'REQUEST_RECEIVED') {
        return 'Left to ' + who.program + ': ' + why + ', so the default (Ask) applies.';
      }
      return 'Default policy (Ask): ' + why + '.';
    }
    if (row.kind === 'REQUEST_RECEIVED') {
      if (policy.choice === 'NEVER') {
        return 'A receipt from ' + who.program + ' would be stopped by ' + whose + ' for ' + audience + '.';
      }
      if (policy.choice === 'ALWAYS') {
        return 'A receipt from ' + who.program + ' would be let through (' + whose + ' for ' + audience
          + ': ' + choice + ').';
      }
      if (policy.choice === 'ASK') {
        return 'Left to ' + who.program + ' (' + whose + ' for ' + audience + ': ' + choice + ').';
      }
    }
    if (row.kind === 'MDN_STOPPED') {
      return 'Stopped by ' + whose + ' for ' + audience + '.';
    }
    if (row.kind === 'MDN_SENT') {
      return 'Let through by ' + whose + ' for ' + audience + (choice ? ' (' + choice + ').' : '.');
    }
    if (row.kind === 'MDN_LEFT_TO_CLIENT') {
      return 'Left to ' + who.program + ' by ' + whose + ' for ' + audience + (choice ? ' (' + choice + ').' : '.');
    }
    return [whose, choice].filter(Boolean).join(': ');
  }

  function dispositionText(disposition) {
    if (!disposition) {
      return '';
    }
    var key = String(disposition).toLowerCase();
    return DISPOSITION[key] || String(disposition);
  }

  return {
    el: el,
    clear: clear,
    api: api,
    getJson: getJson,
    query: query,
    ApiError: ApiError,
    hasRole: hasRole,
    start: start,
    showSectionsFor: showSectionsFor,
    markLoaded: markLoaded,
    when: when,
    timeEl: timeEl,
    showStatus: showStatus,
    showError: showError,
    table: table,
    cell: cell,
    plain: plain,
    title: title,
    objectTable: objectTable,
    itemsOf: itemsOf,
    pager: pager,
    ledger: {
      YOU: YOU,
      EMPLOYEE: EMPLOYEE,
      CHOICE: CHOICE,
      kindText: kindText,
      whatHappened: whatHappened,
      policyText: policyText,
      audienceText: audienceText,
      dispositionText: dispositionText
    }
  };
})();
