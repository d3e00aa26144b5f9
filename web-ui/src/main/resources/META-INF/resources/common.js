'use strict';
// Shared by every signed-in page: the API wrapper, the header (user and navigation), dates, status and error
// lines, tables, paging (page numbers and keyset cursors), forms, streamed exports with progress, and the
// plain-words texts for receipt states, verification levels and the consent ledger. Every value from the API goes into
// the page with textContent or DOM properties, never as markup: subjects, addresses, pseudonyms and
// justifications may contain HTML and must stay inert text.
var Receipts = (function () {
  var NAV = [
    { key: 'sent', href: '/index.html', text: 'Sent receipts' },
    { key: 'about-me', href: '/about-me.html', text: 'Receipts about me' },
    { key: 'preferences', href: '/preferences.html', text: 'My receipt policy' },
    { key: 'charts', href: '/charts.html', text: 'Charts' },
    { key: 'search', href: '/search.html', text: 'Search', role: 'compliance' },
    { key: 'compliance', href: '/compliance.html', text: 'Compliance', role: 'compliance' },
    { key: 'health', href: '/health.html', text: 'Health', role: 'admin' },
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

  // --- forms ----------------------------------------------------------------------------------------------

  // The non-empty values of a form's named fields, trimmed, as an object for query().
  function formValues(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.disabled || field.type === 'submit' || field.type === 'button') {
        return;
      }
      if ((field.type === 'radio' || field.type === 'checkbox') && !field.checked) {
        return;
      }
      var value = String(field.value || '').trim();
      if (value) {
        values[field.name] = value;
      }
    });
    return values;
  }

  // Fills a form's named fields from URL parameters (deep links such as /search.html?recipient=…).
  function fillForm(form, params) {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && params.has(field.name) && field.type !== 'radio' && field.type !== 'checkbox') {
        field.value = params.get(field.name);
      }
    });
  }

  // --- keyset paging --------------------------------------------------------------------------------------

  // A "more" button for keyset-paged answers ({"items", "next"}): onMore(cursor) loads the next page and
  // calls update(next) with the answer's cursor; the button hides when there is none.
  function moreButton(node, text, onMore) {
    clear(node);
    var button = el('button', 'secondary', text);
    button.type = 'button';
    button.setAttribute('data-more', '');
    button.hidden = true;
    node.appendChild(button);
    var state = { cursor: null };
    button.addEventListener('click', function () {
      if (state.cursor) {
        button.disabled = true;
        onMore(state.cursor);
      }
    });
    return {
      button: button,
      update: function (next) {
        state.cursor = next || null;
        button.hidden = !state.cursor;
        button.disabled = false;
        node.setAttribute('data-next', state.cursor || '');
      }
    };
  }

  // --- definition lists -----------------------------------------------------------------------------------

  // A <dl> of every field of an object, in its order (undefined ones left out); nested objects and arrays as
  // indented JSON text.
  function definitionList(object, titles, dataAttribute) {
    var list = el('dl', 'facts');
    Object.keys(object || {}).forEach(function (key) {
      var value = object[key];
      if (value === undefined) {
        return;
      }
      var dt = el('dt', null, (titles && titles[key]) || key);
      var dd = el('dd');
      dd.setAttribute(dataAttribute || 'data-field', key);
      if (value !== null && typeof value === 'object') {
        dd.appendChild(el('pre', 'json', JSON.stringify(value, null, 2)));
      } else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
        dd.appendChild(timeEl(value));
      } else {
        dd.appendChild(el('span', null, value === null || value === undefined ? '—' : String(value)));
      }
      list.appendChild(dt);
      list.appendChild(dd);
    });
    return list;
  }

  // --- streamed export ------------------------------------------------------------------------------------

  // Counts the records of a streamed CSV (line ends outside quotes) or JSON array (objects at depth 1) chunk
  // by chunk, so that progress counts rows, not bytes, whatever the chunk boundaries.
  function recordCounter(format) {
    var inString = false;
    var escaped = false;
    var depth = 0;
    var records = 0;
    var lineHasData = false;
    return {
      feed: function (text) {
        for (var i = 0; i < text.length; i++) {
          var c = text.charAt(i);
          if (format === 'csv') {
            if (c === '"') {
              inString = !inString;
              lineHasData = true;
            } else if (c === '\n' && !inString) {
              if (lineHasData) {
                records++;
              }
              lineHasData = false;
            } else if (c !== '\r') {
              lineHasData = true;
            }
            continue;
          }
          if (inString) {
            if (escaped) {
              escaped = false;
            } else if (c === '\\') {
              escaped = true;
            } else if (c === '"') {
              inString = false;
            }
          } else if (c === '"') {
            inString = true;
          } else if (c === '{' || c === '[') {
            depth++;
            if (c === '{' && depth === 2) {
              records++;
            }
          } else if (c === '}' || c === ']') {
            depth--;
          }
        }
      },
      // CSV: a last line without a line end, and minus the header line.
      rows: function () {
        if (format === 'csv') {
          return Math.max(0, records + (lineHasData ? 1 : 0) - 1);
        }
        return records;
      }
    };
  }

  function bytesText(bytes) {
    if (bytes < 1024) {
      return bytes + ' bytes';
    }
    if (bytes < 1024 * 1024) {
      return (bytes / 1024).toFixed(1) + ' KB';
    }
    return (bytes / 1024 / 1024).toFixed(1) + ' MB';
  }

  function fileNameOf(response, fallback) {
    var disposition = response.headers.get('Content-Disposition') || '';
    var match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    var name = match ? decodeURIComponent(match[1]) : fallback;
    return name.replace(/[^A-Za-z0-9._-]+/g, '_');
  }

  // Downloads a streamed export: reads the body chunk by chunk, shows rows and bytes read against
  // X-Total-Count on the <progress>, then offers the file through a Blob URL (link in ui.link, clicked once).
  // ui: {progress, status, link, button}; resolves with {rows, bytes, total, url, name}.
  function exportStream(url, format, fallbackName, ui) {
    var progress = ui.progress;
    var statusLine = ui.status;
    if (ui.button) {
      ui.button.disabled = true;
    }
    if (ui.link) {
      ui.link.hidden = true;
      if (ui.link.href && ui.link.href.indexOf('blob:') === 0) {
        URL.revokeObjectURL(ui.link.href);
      }
      ui.link.removeAttribute('href');
    }
    progress.hidden = false;
    progress.removeAttribute('value');
    progress.setAttribute('data-export-state', 'busy');
    showStatus(statusLine, 'Starting the export…', 'busy');
    var accept = format === 'csv' ? 'text/csv' : 'application/json';
    return fetch(url, { credentials: 'same-origin', headers: { 'Accept': accept, 'X-Receipts-CSRF': '1' } })
      .then(function (response) {
        if (response.status === 401) {
          window.location.assign('/login.html');
          throw new ApiError(401, 'Your session has ended; please sign in again.', null);
        }
        if (!response.ok) {
          return response.text().then(function (text) {
            var data = null;
            try {
              data = JSON.parse(text);
            } catch (ignored) {
              data = null;
            }
            throw new ApiError(response.status, data && data.error ? data.error : defaultMessage(response.status), data);
          });
        }
        var totalHeader = response.headers.get('X-Total-Count');
        var total = totalHeader !== null && totalHeader !== '' && !isNaN(Number(totalHeader)) ? Number(totalHeader) : null;
        var name = fileNameOf(response, fallbackName);
        var counter = recordCounter(format);
        var decoder = new TextDecoder('utf-8');
        var chunks = [];
        var bytes = 0;
        if (total !== null) {
          progress.max = Math.max(total, 1);
          progress.value = 0;
        }
        progress.setAttribute('data-total', total === null ? '' : String(total));
        function report() {
          var rows = counter.rows();
          if (total !== null) {
            progress.value = Math.min(rows, Math.max(total, 1));
          }
          progress.setAttribute('data-rows', String(rows));
          progress.setAttribute('data-bytes', String(bytes));
          showStatus(statusLine, 'Exporting: ' + rows.toLocaleString()
            + (total !== null ? ' of ' + total.toLocaleString() : '') + ' rows, ' + bytesText(bytes) + ' read…', 'busy');
        }
        report();
        var reader = response.body.getReader();
        function pump() {
          return reader.read().then(function (step) {
            if (step.done) {
              counter.feed(decoder.decode());
              return null;
            }
            chunks.push(step.value);
            bytes += step.value.byteLength;
            counter.feed(decoder.decode(step.value, { stream: true }));
            report();
            return pump();
          });
        }
        return pump().then(function () {
          var rows = counter.rows();
          var blob = new Blob(chunks, { type: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json' });
          var blobUrl = URL.createObjectURL(blob);
          progress.max = 1;
          progress.value = 1;
          progress.setAttribute('data-rows', String(rows));
          progress.setAttribute('data-bytes', String(bytes));
          progress.setAttribute('data-export-state', 'done');
          if (ui.link) {
            ui.link.href = blobUrl;
            ui.link.download = name;
            ui.link.textContent = 'Save ' + name + ' again';
            ui.link.hidden = false;
            ui.link.setAttribute('data-export-format', format);
            ui.link.click();
          }
          showStatus(statusLine, 'Exported ' + rows.toLocaleString() + ' rows (' + bytesText(bytes) + ') to '
            + name + '.' + (total !== null && rows !== total ? ' The service announced ' + total.toLocaleString()
            + ' rows; rows added or removed meanwhile explain a difference.' : ''), 'ok');
          return { rows: rows, bytes: bytes, total: total, url: blobUrl, name: name };
        });
      })
      .catch(function (error) {
        progress.setAttribute('data-export-state', 'error');
        progress.hidden = true;
        showError(statusLine, 'The export failed', error instanceof ApiError ? error
          : new ApiError(0, 'The export stopped before the end: ' + (error && error.message ? error.message : error), null));
        throw error;
      })
      .then(function (result) {
        if (ui.button) {
          ui.button.disabled = false;
        }
        return result;
      }, function (error) {
        if (ui.button) {
          ui.button.disabled = false;
        }
        throw error;
      });
  }

  // --- receipt states and verification in plain words -----------------------------------------------------

  var DELIVERY_WORDS = {
    ACCEPTED: 'Accepted by our server, no delivery report yet',
    DELIVERED: "Delivered to the recipient's server",
    RELAYED: 'Relayed — handed to the recipient\'s server, which may not tell us more',
    DELAYED: 'Delayed, still trying',
    EXPANDED: 'Expanded to a list or alias'
  };
  var DISPOSITION_WORDS = {
    NONE: 'No read receipt yet — unknown, not unread',
    DISPLAYED: "Displayed (the recipient's mail program confirmed it; not proof that it was read)",
    DELETED: 'Deleted without being displayed',
    DISPATCHED: 'Dispatched without being displayed (forwarded or printed)',
    PROCESSED: 'Processed without being displayed (for example by a filter)',
    denied: 'The recipient declined to send a read receipt',
    failed: 'The read receipt could not be produced'
  };
  // The verification level of a report: how far we can trust who sent it.
  var VERIFICATION_WORDS = {
    AUTHENTICATED: function (who) {
      return 'Verified: ' + (who ? who + "'s own login" : "the recipient's own login") + ' sent it';
    },
    SERVER: function () {
      return 'Known by our own server';
    },
    SIGNED_ENVELOPE: function () {
      return 'Verified: the report names the envelope id we signed';
    },
    UNVERIFIED: function () {
      return 'Unverified: anyone could have sent this receipt';
    },
    FORGED: function () {
      return 'Forged report — ignored';
    }
  };

  // "No report expected any more" (the service's silence, shown beside the state, never instead of it).
  function silenceOf(part) {
    var silence = part && part.silence;
    return silence && silence.state ? ' — no report expected any more' + (silence.reason ? ': ' + silence.reason : '') : '';
  }

  var MATCH_WORDS = {
    IN_REPLY_TO: 'matched by In-Reply-To, a weaker match',
    REFERENCES: 'matched by References, a weaker match',
    RETURNED_HEADERS: 'matched by the returned headers, a weaker match'
  };

  function deliveryWords(delivery) {
    if (!delivery || !delivery.state) {
      return 'Unknown';
    }
    if (delivery.state === 'FAILED') {
      return ['Failed:', delivery.status, delivery.diagnostic].filter(Boolean).join(' ')
        + (delivery.heuristic ? ' (read from a bounce without a standard report)' : '');
    }
    var words = DELIVERY_WORDS[delivery.state] || delivery.state;
    if (delivery.heuristic) {
      words += ' (read from a bounce without a standard report)';
    }
    return words + silenceOf(delivery);
  }

  // requested: the recipient's {mdn, notify} when known; "No read receipt requested" when none was asked for.
  function dispositionWords(disposition, requested) {
    var state = disposition && disposition.state ? disposition.state : 'NONE';
    if (state === 'NONE' && requested && requested.mdn === false) {
      return 'No read receipt requested';
    }
    var words = DISPOSITION_WORDS[state] || DISPOSITION_WORDS[String(state).toUpperCase()] || ('Receipt: ' + state);
    if (disposition && MATCH_WORDS[disposition.match]) {
      words += ' (' + MATCH_WORDS[disposition.match] + ')';
    }
    return words + silenceOf(disposition);
  }

  // What the recipient's domain has actually done (the service's domain stats), so that the sender knows what to
  // expect: "partner.example: delivery reports seen 3 times, read receipts returned 0 times".
  function domainWords(domain) {
    if (!domain || !domain.name) {
      return '';
    }
    var parts = ['delivery reports seen ' + (domain.dsnSeen || 0) + ' times',
      'read receipts returned ' + (domain.mdnsReturned || 0) + ' times'];
    if (domain.medianTimeToReceipt) {
      parts.push('median time to a read receipt ' + String(domain.medianTimeToReceipt).replace(/^PT/, '').toLowerCase());
    }
    return domain.name + ': ' + parts.join(', ');
  }

  // who: the recipient's address, so that "verified" says whose login sent the report.
  function verificationWords(level, who) {
    if (!level || level === 'NONE') {
      return 'No read receipt to verify';
    }
    var words = VERIFICATION_WORDS[level] || VERIFICATION_WORDS[String(level).toUpperCase()];
    return words ? words(who) : 'Verification: ' + level;
  }

  var REPORT_TYPES = {
    'delivery-status': 'Delivery report (DSN)',
    'disposition-notification': 'Read receipt (MDN)',
    'non-standard-bounce': 'Bounce without a standard report',
    'auto-reply': 'Automatic reply',
    'feedback-report': 'Feedback report (abuse or spam complaint)'
  };
  var CORRELATIONS = {
    CORRELATED: 'Matched to a sent message',
    PENDING: 'Not matched yet, still trying',
    ORPHAN: 'Could not be matched to any sent message',
    FORGED: 'Forged — ignored',
    NOT_APPLICABLE: 'Not about a sent message'
  };

  function reportTypeWords(type) {
    return REPORT_TYPES[type] || type || '';
  }

  function correlationWords(correlation) {
    return CORRELATIONS[correlation] || correlation || '';
  }

  // --- a report, every field --------------------------------------------------------------------------------

  var REPORT_SUMMARY = {
    id: 'Report', receivedAt: 'Received', type: 'Type', heuristic: 'Recognised by heuristics',
    reporter: 'Reporter (Reporting-MTA or Reporting-UA)', originalMessageId: 'Original-Message-ID',
    envelopeId: 'Original-Envelope-Id', correlation: 'Matched to a sent message', owner: 'Owner of the message',
    verification: 'Verification'
  };

  // A report as the API gives it ({id, receivedAt, type, …, recipients, fields}) in three parts: a summary list in
  // plain words with the raw values beside them, the recipient blocks as a table (null when there are none), and
  // every parsed field as text.
  function reportParts(report) {
    var summary = {};
    Object.keys(report || {}).forEach(function (key) {
      if (key === 'recipients' || key === 'fields') {
        return;
      }
      var value = report[key];
      if (key === 'type') {
        value = reportTypeWords(value) + (value ? ' (' + value + ')' : '');
      } else if (key === 'correlation') {
        value = correlationWords(value) + (value ? ' (' + value + ')' : '');
      } else if (key === 'verification') {
        value = verificationWords(value) + (value ? ' (' + value + ')' : '');
      } else if (key === 'heuristic') {
        value = value ? 'yes: not a standard report, read by heuristics' : 'no: a standard report';
      }
      summary[key] = value;
    });
    var recipients = report && Array.isArray(report.recipients) ? report.recipients : [];
    var fields = report ? report.fields : null;
    if (typeof fields === 'string') {
      try {
        fields = JSON.parse(fields);
      } catch (ignored) {
        fields = { raw: fields };
      }
    }
    var fieldsNode;
    if (fields && typeof fields === 'object' && Object.keys(fields).length) {
      fieldsNode = definitionList(fields, null, 'data-report-field');
      fieldsNode.classList.add('raw-fields');
    } else {
      fieldsNode = el('p', 'hint', 'The service gave no parsed fields for this report.');
    }
    return {
      summary: definitionList(summary, REPORT_SUMMARY, 'data-summary'),
      recipients: recipients.length ? objectTable('Recipients in the report', recipients, {
        leading: ['finalRecipient', 'originalRecipient', 'action', 'status', 'reason', 'disposition'],
        titles: { finalRecipient: 'Final-Recipient', originalRecipient: 'Original-Recipient' }
      }).wrapper : null,
      fields: fieldsNode
    };
  }

  // The three parts under headings of the given level ('h4' inside a timeline).
  function reportDetail(report, headingLevel) {
    var level = headingLevel || 'h2';
    var parts = reportParts(report);
    var node = el('div', 'report-detail');
    node.setAttribute('data-report-detail', String(report && report.id !== undefined ? report.id : ''));
    node.appendChild(parts.summary);
    if (parts.recipients) {
      node.appendChild(el(level, null, 'Recipients in the report'));
      node.appendChild(parts.recipients);
    }
    node.appendChild(el(level, null, 'Every parsed field'));
    node.appendChild(parts.fields);
    return node;
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
    formValues: formValues,
    fillForm: fillForm,
    moreButton: moreButton,
    definitionList: definitionList,
    recordCounter: recordCounter,
    bytesText: bytesText,
    exportStream: exportStream,
    reportParts: reportParts,
    reportDetail: reportDetail,
    words: {
      delivery: deliveryWords,
      disposition: dispositionWords,
      verification: verificationWords,
      domain: domainWords,
      reportType: reportTypeWords,
      correlation: correlationWords,
      REPORT_TYPES: REPORT_TYPES,
      CORRELATIONS: CORRELATIONS
    },
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
