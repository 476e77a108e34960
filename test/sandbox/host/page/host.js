/*
 * The host page: frames each Upstream surface the way Jira does (issue view with the Work type field and the
 * Upstream panel, a dashboard with the gadget, a project page, the admin page), and shows what the sandbox's
 * Slack workspace received. Plain JavaScript, served by the sandbox host; not part of the app bundle.
 */
(function () {
  'use strict';

  var PERSONA_COOKIE = 'upstream-sandbox-persona';
  var THEME_COOKIE = 'upstream-sandbox-theme';
  var view = document.getElementById('view');
  var personaSelect = document.getElementById('persona-select');
  var themeToggle = document.getElementById('theme-toggle');
  var catalog = null;
  var frames = new Map();
  var frameCounter = 0;

  function cookie(name) {
    var match = document.cookie.split('; ').find(function (part) { return part.indexOf(name + '=') === 0; });
    return match ? decodeURIComponent(match.slice(name.length + 1)) : null;
  }
  function setCookie(name, value) {
    document.cookie = name + '=' + encodeURIComponent(value) + '; path=/; SameSite=Strict';
  }

  /** Builds an element: h('a', { href: '#' }, 'text', child). */
  function h(tag, attributes) {
    var element = document.createElement(tag);
    Object.entries(attributes || {}).forEach(function (entry) {
      var name = entry[0], value = entry[1];
      if (value === null || value === undefined || value === false) return;
      if (name.indexOf('on') === 0) element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value === true ? '' : String(value));
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) child.forEach(function (item) { element.append(item instanceof Node ? item : String(item)); });
      else element.append(child instanceof Node ? child : String(child));
    }
    return element;
  }

  function postJson(path, body) {
    return fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) throw new Error(answer.message || 'The sandbox host answered ' + response.status);
        return answer;
      });
    });
  }

  function getJson(path) {
    return fetch(path, { credentials: 'same-origin' }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body.message || 'The sandbox host answered ' + response.status);
        return body;
      });
    });
  }

  // ---- frames -------------------------------------------------------------------------------------------

  /**
   * A Forge frame with the frame's identity in its URL. The host sends it on to the document manifest.yml
   * declares for that module and entry point: the Custom UI app, or a UI Kit frame (the Work type field's
   * view). `options.onSubmitted` and `options.onClose` run when the app calls view.submit / view.close.
   */
  function forgeFrame(title, identity, options) {
    options = options || {};
    var frameId = 'frame-' + ++frameCounter;
    var query = new URLSearchParams({ frameId: frameId });
    Object.entries(identity).forEach(function (entry) { if (entry[1]) query.set(entry[0], entry[1]); });
    var iframe = h('iframe', {
      class: 'forge-frame',
      title: title,
      src: '/__sandbox/frame?' + query.toString(),
      'data-frame-id': frameId,
      'data-module': identity.module,
    });
    iframe.style.minHeight = (options.minHeight || 40) + 'px';
    frames.set(frameId, { iframe: iframe, options: options, identity: identity });
    return iframe;
  }

  function liveFrames() {
    frames.forEach(function (frame, id) { if (!frame.iframe.isConnected) frames.delete(id); });
    return Array.from(frames.values());
  }

  function tellFrames(message) {
    message.source = 'upstream-sandbox-host';
    liveFrames().forEach(function (frame) {
      if (frame.iframe.contentWindow) frame.iframe.contentWindow.postMessage(message, location.origin);
    });
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== location.origin || !data || data.source !== 'upstream-sandbox-frame') return;
    var frame = frames.get(data.frameId);
    if (!frame) return;
    switch (data.type) {
      case 'resize':
        // A modal is sized by the host and scrolls inside; other frames grow to their content.
        if (!frame.options.modal) frame.iframe.style.height = Math.max(data.height, frame.options.minHeight || 0) + 'px';
        break;
      case 'open-modal':
        openModal(frame, data);
        break;
      case 'modal-escape':
        if (frame.options.modal && frame.options.modal.closeOnEscape) frame.options.onClose(null);
        break;
      case 'submitted':
        if (frame.options.onSubmitted) frame.options.onSubmitted();
        break;
      case 'close':
        if (frame.options.onClose) frame.options.onClose(data.payload);
        break;
      case 'refresh':
        frame.iframe.src = frame.iframe.src;
        break;
      case 'navigate':
        navigateTo(data.location);
        break;
      case 'event':
        tellFrames({ type: 'event', scope: data.scope, event: data.event, payload: data.payload });
        break;
    }
  });

  /**
   * `new Modal({ resource, size, context }).open()` from a frame: a frame of the same module over the page (the
   * modal's resource must be the app's one Custom UI resource), with `context` handed to it as
   * `extension.modal`. It closes on view.close(payload), Escape or a click on the backdrop (unless the app said
   * not to), and the opener's onClose hears the payload; focus goes back to the opener.
   */
  var MODAL_SIZES = { small: '400px', medium: '600px', large: '800px', xlarge: '968px', max: 'calc(100vw - 120px)', fullscreen: '100vw' };
  function openModal(opener, data) {
    if (document.querySelector('.forge-modal-backdrop')) return;
    if (data.resource && data.resource !== 'main') {
      console.warn('Upstream sandbox: a modal of resource "' + data.resource + '" cannot open; the sandbox serves only "main".');
      return;
    }
    var backdrop;
    var closed = false;
    function close(payload) {
      if (closed) return;
      closed = true;
      backdrop.remove();
      document.removeEventListener('keydown', onKey);
      if (opener.iframe.isConnected && opener.iframe.contentWindow) {
        opener.iframe.contentWindow.postMessage({ source: 'upstream-sandbox-host', type: 'modal-closed', modalId: data.modalId, payload: payload === undefined ? null : payload }, location.origin);
        opener.iframe.focus();
      }
    }
    function onKey(event) {
      if (event.key === 'Escape' && data.closeOnEscape) close(null);
    }
    var identity = Object.assign({}, opener.identity, { modal: JSON.stringify(data.context || {}) });
    var title = data.title || 'Upstream';
    var iframe = forgeFrame(title, identity, { modal: { closeOnEscape: data.closeOnEscape }, onClose: close });
    var size = typeof data.size === 'object' && data.size ? data.size : null;
    var dialog = h('div', { class: 'forge-modal size-' + (size ? 'custom' : data.size), role: 'dialog', 'aria-modal': 'true', 'aria-label': title, 'data-testid': 'forge-modal' }, iframe);
    dialog.style.width = size ? size.width : MODAL_SIZES[data.size] || MODAL_SIZES.medium;
    if (size && size.height) dialog.style.height = size.height;
    backdrop = h('div', {
      class: 'forge-modal-backdrop',
      onclick: function (event) { if (event.target === backdrop && data.closeOnOverlayClick) close(null); },
    }, dialog);
    document.body.append(backdrop);
    document.addEventListener('keydown', onKey);
    iframe.addEventListener('load', function () { iframe.focus(); });
  }

  function navigateTo(location) {
    if (location && location.target === 'issue' && location.issueKey) window.location.hash = '#/issue/' + location.issueKey;
    else if (location && location.target === 'module' && location.projectKey) window.location.hash = '#/project/' + location.projectKey;
    else if (location && location.target === 'dashboard') window.location.hash = '#/dashboard';
    else if (location && location.url && siteSearchJql(location.url) !== null) window.location.hash = '#/search?jql=' + encodeURIComponent(siteSearchJql(location.url));
    else if (location && location.url) window.open(location.url, location.type === 'new-tab' ? '_blank' : '_self', 'noopener');
  }

  /** Links into Jira's issue search (`…/issues/?jql=…`) open the sandbox's own search page: the site is not real. */
  function siteSearchJql(url) {
    try {
      var parsed = new URL(url, window.location.href);
      return /\/issues\/?$/.test(parsed.pathname) ? parsed.searchParams.get('jql') : null;
    } catch (error) {
      return null;
    }
  }

  // ---- pages --------------------------------------------------------------------------------------------

  /** A titled box; `appIcon` marks the ones an app provides, as Jira shows the app's icon on its panels. */
  function card(title, actions, body, attributes, appIcon) {
    return h('section', Object.assign({ class: 'card', 'aria-label': title }, attributes || {}),
      h('div', { class: 'card-header' },
        appIcon ? h('img', { src: '/app/icon.svg', alt: '', width: 16, height: 16 }) : null,
        h('span', null, title),
        actions ? h('div', { class: 'actions' }, actions) : null),
      h('div', { class: 'card-body' }, body));
  }

  function issuePicker(currentKey) {
    var select = h('select', {
      id: 'issue-picker',
      'aria-label': 'Open a seeded issue',
      onchange: function () { if (select.value) location.hash = '#/issue/' + select.value; },
    }, h('option', { value: '' }, 'Seeded issues…'));
    catalog.projects.forEach(function (project) {
      var group = h('optgroup', { label: project.name + ' (' + project.key + ')' });
      project.issues.forEach(function (issue) {
        group.append(h('option', { value: issue.key, selected: issue.key === currentKey }, issue.key + ' · ' + issue.summary));
      });
      select.append(group);
    });
    var input = h('input', { type: 'text', id: 'issue-key-input', 'aria-label': 'Issue key', placeholder: 'PAY-12', value: currentKey || '' });
    var form = h('form', {
      onsubmit: function (event) {
        event.preventDefault();
        var key = input.value.trim().toUpperCase();
        if (key) location.hash = '#/issue/' + key;
      },
    }, input, h('button', { type: 'submit' }, 'Open issue'));
    return h('div', { class: 'picker' }, h('span', { class: 'muted' }, 'Issue'), select, form);
  }

  function workTypeField(issueKey) {
    var holder = h('div', { class: 'field-with-edit' });
    function showView() {
      holder.replaceChildren(
        forgeFrame('Work type', { module: 'work-type', entryPoint: 'view', issueKey: issueKey }, { minHeight: 32 }),
        h('button', { type: 'button', class: 'subtle', 'aria-label': 'Edit Work type', title: 'Edit Work type', onclick: showEdit }, '✎'));
    }
    function showEdit() {
      holder.replaceChildren(forgeFrame('Work type (edit)', { module: 'work-type', entryPoint: 'edit', issueKey: issueKey }, {
        minHeight: 120,
        onSubmitted: function () {
          showView();
          // As Jira does after an edit (forge-reference §1.2), so the Upstream panel shows the new value too.
          tellFrames({ type: 'event', scope: 'app', event: 'JIRA_ISSUE_CHANGED', payload: { issueKey: issueKey, changes: [{ changeType: 'updated' }] } });
        },
        onClose: showView,
      }));
    }
    showView();
    return holder;
  }

  function statusLozenge(status) {
    return h('span', { class: 'lozenge ' + status.category, 'data-testid': 'issue-status-lozenge' }, status.name);
  }

  /** Said once after a move, on the re-rendered issue (the page is drawn again, so it cannot live there). */
  var statusNotice = null;

  /**
   * The issue's status, and where the signed-in person may move it: Jira's transitions for them, through the
   * host's Jira (so the issue-updated trigger fires as for any move). A select and a Move button rather than a
   * select that acts on change, so arrowing through the options with the keyboard moves nothing.
   */
  function statusControl(key, status, transitions) {
    if (!transitions.length) return statusLozenge(status);
    var select = h('select', { id: 'issue-status', 'data-testid': 'issue-status' },
      h('option', { value: '', selected: true }, status.name),
      transitions.map(function (t) { return h('option', { value: t.id, 'data-status': t.to.name }, t.to.name); }));
    var move = h('button', { type: 'submit', disabled: true, 'data-testid': 'issue-status-move' }, 'Move');
    var said = h('span', { class: 'status-said', role: 'status', 'data-testid': 'issue-status-said' }, statusNotice && statusNotice.key === key ? statusNotice.text : '');
    statusNotice = null;
    select.addEventListener('change', function () { move.disabled = !select.value; });
    var form = h('form', {
      class: 'status-control',
      onsubmit: function (event) {
        event.preventDefault();
        if (!select.value) return;
        var target = select.options[select.selectedIndex].getAttribute('data-status');
        select.disabled = true;
        move.disabled = true;
        said.textContent = 'Moving to ' + target + '…';
        postJson('/__sandbox/transition', { key: key, transitionId: select.value }).then(function (answer) {
          if (!answer.ok) {
            said.textContent = answer.message;
            said.setAttribute('data-problem', 'true');
            select.disabled = false;
            move.disabled = false;
            return;
          }
          statusNotice = { key: key, text: 'Moved to ' + target + '.' };
          // As Jira does after a change, so the Upstream panel reads the issue again.
          tellFrames({ type: 'event', scope: 'app', event: 'JIRA_ISSUE_CHANGED', payload: { issueKey: key, changes: [{ changeType: 'updated' }] } });
          return renderIssue(key).then(function () {
            var again = document.getElementById('issue-status');
            if (again) again.focus();
          });
        }).catch(function (error) {
          said.textContent = 'The move failed: ' + error.message;
          said.setAttribute('data-problem', 'true');
          select.disabled = false;
          move.disabled = false;
        });
      },
    }, statusLozenge(status), h('div', { class: 'status-move' }, select, move), said);
    return form;
  }

  function renderIssue(requestedKey) {
    var key = (requestedKey || (catalog.projects[0] && catalog.projects[0].issues[0] && catalog.projects[0].issues[0].key) || '').toUpperCase();
    var picker = issuePicker(key);
    view.replaceChildren(picker, h('p', { class: 'muted' }, 'Loading ' + key + '…'));
    return getJson('/__sandbox/issue-view?key=' + encodeURIComponent(key)).then(function (answer) {
      var issue = answer.issue;
      if (!answer.exists) {
        view.replaceChildren(picker, h('div', { class: 'notice', role: 'alert' }, 'There is no issue ' + key + ' on this site.'));
        return;
      }
      var panel = card('Upstream context', null, forgeFrame('Upstream context', { module: 'context-panel', issueKey: key }, { minHeight: 80 }), { id: 'upstream-panel' }, true);
      if (!issue.visible) {
        view.replaceChildren(picker,
          h('div', { class: 'notice', role: 'alert' }, h('strong', null, "You can't view this issue. "), issue.message),
          h('p', { class: 'notice info' }, 'Sandbox: the Upstream panel is still framed below so you can see how the app answers this person.'),
          panel);
        return;
      }
      var transitions = answer.transitions || [];
      var details = h('dl', { class: 'details' },
        h('dt', null, transitions.length ? h('label', { for: 'issue-status' }, 'Status') : 'Status'),
        h('dd', null, statusControl(issue.key, issue.status, transitions)),
        h('dt', null, 'Work type'), h('dd', null, workTypeField(key)),
        h('dt', null, 'Assignee'), h('dd', null, issue.assignee || 'Unassigned'),
        h('dt', null, 'Reporter'), h('dd', null, issue.reporter || '—'),
        h('dt', null, 'Priority'), h('dd', null, issue.priority || '—'),
        h('dt', null, 'Type'), h('dd', null, issue.issueType),
        h('dt', null, 'Labels'), h('dd', null, issue.labels.length ? issue.labels.join(', ') : 'None'));
      view.replaceChildren(picker,
        h('div', { class: 'breadcrumbs' }, 'Projects / ' + issue.project.name + ' / ', h('a', { href: '#/issue/' + issue.key }, issue.key)),
        h('h1', null, issue.summary),
        h('div', { class: 'issue-layout' },
          h('div', null, panel),
          card('Details', null, details)));
    });
  }

  function renderDashboard() {
    var gadgets = h('div', { class: 'dashboard' });
    catalog.gadgets.forEach(function (gadget) {
      var body = h('div');
      var configure = h('button', { type: 'button', class: 'subtle', 'aria-label': 'Configure ' + gadget.title }, 'Configure');
      function showView() {
        configure.disabled = false;
        body.replaceChildren(forgeFrame(gadget.title, { module: gadget.moduleKey, entryPoint: 'view', gadgetId: gadget.gadgetId }, { minHeight: 80 }));
      }
      function showEdit() {
        configure.disabled = true;
        body.replaceChildren(forgeFrame(gadget.title + ' (configure)', { module: gadget.moduleKey, entryPoint: 'edit', gadgetId: gadget.gadgetId }, {
          minHeight: 160,
          onSubmitted: showView,
          onClose: showView,
        }));
      }
      configure.addEventListener('click', showEdit);
      showView();
      gadgets.append(card(gadget.title, configure, body, { 'data-gadget-id': gadget.gadgetId }, true));
    });
    view.replaceChildren(h('h1', null, 'Team dashboard'), gadgets);
  }

  function renderProject(requestedKey) {
    var key = (requestedKey || (catalog.projects[0] && catalog.projects[0].key) || '').toUpperCase();
    var project = catalog.projects.find(function (p) { return p.key === key; });
    var tabs = h('nav', { class: 'tabs', 'aria-label': 'Projects' });
    catalog.projects.forEach(function (p) {
      tabs.append(h('a', { href: '#/project/' + p.key, 'aria-current': p.key === key ? 'page' : null }, p.name + ' (' + p.key + ')'));
    });
    view.replaceChildren(
      h('div', { class: 'breadcrumbs' }, 'Projects / ' + (project ? project.name : key) + ' / Apps'),
      tabs,
      h('div', { class: 'page-frame' }, forgeFrame('Upstream triage', { module: 'triage-queue', projectKey: key }, { minHeight: 120 })));
  }

  /** Jira's issue search, as far as the sandbox needs it: JQL in, the first 100 matches out, as the signed-in person. */
  function renderSearch(query) {
    var jql = new URLSearchParams(query || '').get('jql') || '';
    var input = h('input', { type: 'text', id: 'jql-input', 'aria-label': 'JQL', value: jql, placeholder: '"Work type" = Corrective AND sprint in openSprints()' });
    var form = h('form', {
      class: 'search-form',
      onsubmit: function (event) {
        event.preventDefault();
        if (input.value.trim()) location.hash = '#/search?jql=' + encodeURIComponent(input.value.trim());
      },
    }, h('label', { for: 'jql-input' }, 'JQL'), input, h('button', { type: 'submit' }, 'Search'));
    var results = h('div', { id: 'search-results' });
    view.replaceChildren(h('h1', null, 'Search issues'), form, results);
    if (!jql) {
      results.replaceChildren(h('p', { class: 'muted' }, 'Type a JQL query, for example "Work type" IS EMPTY AND project = PAY, or upstreamArr > 50000.'));
      return null;
    }
    results.replaceChildren(h('p', { class: 'muted' }, 'Searching…'));
    return getJson('/__sandbox/search?jql=' + encodeURIComponent(jql)).then(function (answer) {
      if (!answer.ok) {
        results.replaceChildren(h('div', { class: 'notice', role: 'alert' }, answer.messages.join(' ')));
        return;
      }
      if (answer.issues.length === 0) {
        results.replaceChildren(h('p', { role: 'status' }, 'No issues match this query.'));
        return;
      }
      var rows = answer.issues.map(function (issue) {
        return h('tr', null,
          h('td', null, h('a', { href: '#/issue/' + issue.key }, issue.key)),
          h('td', null, issue.summary),
          h('td', null, issue.issueType),
          h('td', null, issue.status),
          h('td', null, issue.workType || 'Not triaged'));
      });
      results.replaceChildren(
        h('p', { role: 'status' }, answer.issues.length + (answer.more ? '+' : '') + ' issue' + (answer.issues.length === 1 ? '' : 's') + (answer.more ? ' (the first 100 shown)' : '')),
        h('table', { class: 'results' },
          h('thead', null, h('tr', null, h('th', null, 'Key'), h('th', null, 'Summary'), h('th', null, 'Type'), h('th', null, 'Status'), h('th', null, 'Work type'))),
          h('tbody', null, rows)));
    });
  }

  function renderMySignals() {
    view.replaceChildren(
      h('div', { class: 'breadcrumbs' }, 'Apps / My signals'),
      h('div', { class: 'page-frame' }, forgeFrame('My signals', { module: 'my-signals' }, { minHeight: 120 })));
  }

  function renderAdmin() {
    view.replaceChildren(
      h('div', { class: 'breadcrumbs' }, 'Settings / Apps / Manage apps'),
      h('div', { class: 'page-frame' }, forgeFrame('Upstream settings', { module: 'settings' }, { minHeight: 120 })));
  }

  // ---- the emulated Slack ------------------------------------------------------------------------------

  var SLACK_POLL_MS = 3000;
  var slackPoll = null;

  function decodeEntities(text) {
    return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }

  /** `<@U…>`, `<#C…|name>`, `<!here>`, `<url|label>`: a node each, built with the DOM (never innerHTML). */
  function slackControl(inner, people) {
    var bar = inner.indexOf('|');
    var target = bar >= 0 ? inner.slice(0, bar) : inner;
    var label = bar >= 0 ? inner.slice(bar + 1) : '';
    if (target.charAt(0) === '@') {
      var person = people.get(target.slice(1));
      return h('span', { class: 'slack-mention', 'data-user': target.slice(1) }, '@' + (person ? person.name : decodeEntities(label || target.slice(1))));
    }
    if (target.charAt(0) === '#') return h('span', { class: 'slack-mention' }, '#' + decodeEntities(label || target.slice(1)));
    if (target.charAt(0) === '!') return h('span', { class: 'slack-mention' }, '@' + decodeEntities(label || target.slice(1)));
    var url = decodeEntities(target);
    if (!/^(https?:|mailto:)/i.test(url)) return document.createTextNode('<' + decodeEntities(inner) + '>');
    return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, decodeEntities(label || target));
  }

  /** Text with its controls (masked as \u0000n\u0001) put back as nodes. */
  function slackLeaf(text, controls, people) {
    var out = [];
    var re = /\u0000(\d+)\u0001/g;
    var last = 0;
    var match;
    while ((match = re.exec(text))) {
      if (match.index > last) out.push(document.createTextNode(decodeEntities(text.slice(last, match.index))));
      out.push(slackControl(controls[Number(match[1])], people));
      last = re.lastIndex;
    }
    if (last < text.length) out.push(document.createTextNode(decodeEntities(text.slice(last))));
    return out;
  }

  var SLACK_FORMATS = [
    { re: /`([^`\n]+)`/, tag: 'code', nested: false },
    { re: /(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])/, tag: 'strong', nested: true },
    { re: /(?<![\w_])_(?=\S)([^_\n]*?\S)_(?![\w_])/, tag: 'em', nested: true },
    { re: /(?<![\w~])~(?=\S)([^~\n]*?\S)~(?![\w~])/, tag: 's', nested: true },
  ];

  /** *bold*, _italic_, ~strike~ and `code`, whichever starts first, then the rest. */
  function slackFormatted(text, controls, people) {
    var first = null;
    SLACK_FORMATS.forEach(function (format) {
      var match = format.re.exec(text);
      if (match && (!first || match.index < first.match.index)) first = { format: format, match: match };
    });
    if (!first) return slackLeaf(text, controls, people);
    var match = first.match;
    var inner = match[1];
    var element = h(first.format.tag, null, first.format.nested ? slackFormatted(inner, controls, people) : slackLeaf(inner, controls, people));
    return slackLeaf(text.slice(0, match.index), controls, people)
      .concat([element])
      .concat(slackFormatted(text.slice(match.index + match[0].length), controls, people));
  }

  function slackInline(line, people) {
    var controls = [];
    var masked = line.replace(/[\u0000\u0001]/g, '').replace(/<([^<>\s][^<>]*)>/g, function (_, inner) {
      controls.push(inner);
      return '\u0000' + (controls.length - 1) + '\u0001';
    });
    return slackFormatted(masked, controls, people);
  }

  /** Slack mrkdwn as DOM nodes: lines kept, `>` quotes as blockquotes, the inline marks within each line. */
  function slackText(text, people) {
    var container = h('div', { class: 'slack-text', 'data-testid': 'slack-text' });
    var block = null;
    var blockIsQuote = false;
    text.split('\n').forEach(function (line) {
      var quoted = /^(?:>|&gt;) ?(.*)$/.exec(line);
      var isQuote = quoted !== null;
      if (!block || isQuote !== blockIsQuote) {
        block = isQuote ? h('blockquote', { class: 'slack-quote' }) : h('div', { class: 'slack-lines' });
        blockIsQuote = isQuote;
        container.append(block);
      } else {
        block.append(h('br'));
      }
      slackInline(isQuote ? quoted[1] : line, people).forEach(function (node) { block.append(node); });
    });
    return container;
  }

  function slackTime(iso) {
    if (!iso) return null;
    var at = new Date(iso);
    var sameDay = at.toDateString() === new Date().toDateString();
    var time = at.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
    return h('time', { datetime: iso, title: at.toLocaleString('en-US') }, sameDay ? time : at.toLocaleDateString('en-US', { month: 'short', day: 'numeric' }) + ', ' + time);
  }

  function slackMessage(message, view, people) {
    var recipient = message.to ? people.get(message.to) : null;
    return h('article', { class: 'slack-msg', 'data-testid': 'slack-message', 'data-kind': message.kind, 'data-to': message.to || null },
      botAvatar(),
      h('div', { class: 'slack-msg-body' },
        h('div', { class: 'slack-msg-head' },
          h('strong', null, view.bot.name), h('span', { class: 'slack-app-badge' }, 'APP'), slackTime(message.at)),
        slackText(message.text, people),
        message.kind === 'ephemeral'
          ? h('div', { class: 'slack-ephemeral subtlest' }, 'Only visible to ' + (recipient ? recipient.name : 'the person who sent the request'))
          : null));
  }

  /** The bot's avatar: a square with the brand's waves (SVG needs createElementNS; h() makes HTML elements). */
  function botAvatar() {
    var svgNs = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('width', '22');
    svg.setAttribute('height', '22');
    svg.setAttribute('viewBox', '0 0 24 24');
    var path = document.createElementNS(svgNs, 'path');
    path.setAttribute('d', 'M3 16.5c2.5 0 2.5-2 5-2s2.5 2 5 2 2.5-2 6-2M3 11c2.5 0 2.5-2 5-2s2.5 2 5 2 2.5-2 6-2');
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', 'currentColor');
    path.setAttribute('stroke-width', '2');
    path.setAttribute('stroke-linecap', 'round');
    svg.append(path);
    return h('div', { class: 'slack-avatar', 'aria-hidden': 'true' }, svg);
  }

  function slackGroup(title, subtitle, messages, view, people, attributes) {
    return h('section', Object.assign({ class: 'card slack-group', 'aria-label': title }, attributes || {}),
      h('div', { class: 'card-header' },
        h('span', null, title),
        subtitle ? h('span', { class: 'subtlest slack-group-sub' }, subtitle) : null,
        h('span', { class: 'slack-count subtlest' }, messages.length + (messages.length === 1 ? ' message' : ' messages'))),
      h('div', { class: 'card-body' }, messages.map(function (m) { return slackMessage(m, view, people); })));
  }

  /** Keeps first-seen order of keys, so groups follow their newest message (the list is newest first). */
  function groupBy(messages, keyOf) {
    var groups = new Map();
    messages.forEach(function (m) {
      var key = keyOf(m);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(m);
    });
    return groups;
  }

  function slackEmptyState(view, person) {
    var token = view.botTokenSaved === false
      ? h('p', null, 'No Slack bot token is saved, so Upstream holds these messages. As Ingrid Solberg (Jira admin), open ',
          h('a', { href: '#/admin' }, 'Apps settings'), ' and save the sandbox bot token under Slack (',
          h('code', null, view.sandboxBotToken), '); the held messages are sent then.')
      : h('p', null, 'The bot token is saved (', h('code', null, 'npm start'), ' pre-saves the sandbox workspace\'s token), so messages are sent as soon as there is something to tell.');
    return h('div', { class: 'slack-empty', 'data-testid': 'slack-empty' },
      h('h2', null, person ? 'Nothing for ' + person.name + ' yet' : 'Nothing in Slack yet'),
      h('p', null, 'Upstream writes to a rep when a product lead decides on a cluster with a signal they sent from Slack: as Hannah Okafor (Product lead), open ',
        h('a', { href: '#/project/PAY' }, 'the triage page'),
        ', pick an Inbox cluster with one of Marcus Bell\'s or Jordan Reyes\'s Slack signals and route it (for example ', h('kbd', null, 'q'),
        ' for Quick fix). The rep gets a direct message with the reason and a reply in the signal\'s thread; another when the Jira issue exists; and one when the issue is moved to Done with the Status control on the issue.'),
      h('p', null, 'Signals sent to the webtrigger with the Slack shortcut or /signal get their "Sent to Upstream — …" answer here too.'),
      token);
  }

  function drawSlack(holder, view, personId) {
    var people = new Map(view.people.map(function (p) { return [p.id, p]; }));
    var person = personId ? people.get(personId) : null;
    var mine = function (m) { return !personId || m.to === personId || m.mentions.indexOf(personId) >= 0; };
    var shown = view.messages.filter(mine);
    var count = document.getElementById('slack-count');
    if (count) count.textContent = shown.length + (shown.length === 1 ? ' message' : ' messages') + (person ? ' for ' + person.name : '');
    if (shown.length === 0) {
      holder.replaceChildren(slackEmptyState(view, person));
      return;
    }
    var sections = [];
    var direct = groupBy(shown.filter(function (m) { return m.kind === 'direct'; }), function (m) { return m.to; });
    if (direct.size) {
      sections.push(h('h2', null, 'Direct messages from Upstream'));
      direct.forEach(function (messages, id) {
        var p = people.get(id);
        sections.push(slackGroup(p ? p.name : id, '@' + id + (p ? ' · ' + p.email : ''), messages, view, people, { 'data-testid': 'slack-dm-group', 'data-person': id }));
      });
    }
    var threads = groupBy(shown.filter(function (m) { return m.kind === 'thread'; }), function (m) { return m.channel + ' ' + m.threadTs; });
    if (threads.size) {
      sections.push(h('h2', null, 'Replies in threads'));
      var channels = new Map((view.channels || []).map(function (c) { return [c.id, c.name]; }));
      threads.forEach(function (messages) {
        var first = messages[0];
        var name = channels.get(first.channel);
        var parentAt = new Date(Number(first.threadTs) * 1000);
        var parent = isNaN(parentAt.getTime()) ? '' : parentAt.toLocaleDateString('en-US', { month: 'short', day: 'numeric' }) + ', ';
        sections.push(slackGroup('#' + (name || first.channel),
          (name ? first.channel + ' · ' : '') + 'thread under the message of ' + parent + 'ts ' + first.threadTs,
          messages, view, people, { 'data-testid': 'slack-thread-group', 'data-channel': first.channel, 'data-thread-ts': first.threadTs }));
      });
    }
    var ephemeral = shown.filter(function (m) { return m.kind === 'ephemeral'; });
    if (ephemeral.length) {
      sections.push(h('h2', null, 'Answers to Slack requests'));
      sections.push(slackGroup('Only visible to the person who sent the request', 'posted to each request\'s response URL', ephemeral, view, people, { 'data-testid': 'slack-ephemeral-group' }));
    }
    holder.replaceChildren.apply(holder, sections);
  }

  function onSlackPage() {
    return /^#\/?slack(\?|$)/.test(location.hash);
  }

  function renderSlack(query) {
    var personId = new URLSearchParams(query || '').get('person') || '';
    var select = h('select', { id: 'slack-person', 'data-testid': 'slack-person' }, h('option', { value: '' }, 'Everyone'));
    var holder = h('div', { id: 'slack-messages', 'data-testid': 'slack-messages' }, h('p', { class: 'muted' }, 'Loading what Slack received…'));
    var refresh = h('button', { type: 'button', class: 'subtle', 'data-testid': 'slack-refresh' }, 'Refresh');
    view.replaceChildren(
      h('div', { class: 'breadcrumbs' }, 'Sandbox / Slack (emulated)'),
      h('h1', null, 'Slack (emulated)'),
      h('p', { class: 'muted slack-intro', id: 'slack-intro' }, 'Loading the workspace…'),
      h('div', { class: 'slack-toolbar' },
        h('label', { for: 'slack-person' }, 'Person'), select,
        h('span', { id: 'slack-count', class: 'muted', role: 'status' }),
        refresh),
      holder);
    var last = null;
    var latest = null;
    function load() {
      return getJson('/__sandbox/slack').then(function (answer) {
        var text = JSON.stringify(answer);
        if (text === last) return;
        last = text;
        latest = answer;
        document.getElementById('slack-intro').textContent =
          'What the sandbox\'s Slack workspace, ' + answer.workspace.name + ', received from Upstream: direct messages from the Upstream bot to each person, its replies in the threads signals came from, and the answers to Slack requests that only their sender sees. Newest first in each conversation; the page keeps itself current.';
        select.replaceChildren(h('option', { value: '' }, 'Everyone'));
        answer.people.forEach(function (p) {
          select.append(h('option', { value: p.id, selected: p.id === personId }, p.name + ' (@' + p.id + ')'));
        });
        drawSlack(holder, answer, select.value);
      });
    }
    select.addEventListener('change', function () {
      personId = select.value;
      history.replaceState(null, '', '#/slack' + (select.value ? '?person=' + encodeURIComponent(select.value) : ''));
      if (latest) drawSlack(holder, latest, select.value);
    });
    refresh.addEventListener('click', function () { last = null; load(); });
    if (slackPoll) clearInterval(slackPoll);
    slackPoll = setInterval(function () {
      if (!onSlackPage()) {
        clearInterval(slackPoll);
        slackPoll = null;
        return;
      }
      if (document.visibilityState === 'visible') load().catch(function () { /* the next poll tries again */ });
    }, SLACK_POLL_MS);
    return load();
  }

  // ---- routing and chrome -------------------------------------------------------------------------------

  function render() {
    var route = location.hash.replace(/^#\/?/, '');
    var query = route.indexOf('?') >= 0 ? route.slice(route.indexOf('?') + 1) : '';
    var parts = (query ? route.slice(0, route.indexOf('?')) : route).split('/');
    var page = parts[0] || 'issue';
    document.querySelectorAll('[data-nav]').forEach(function (link) {
      if (link.getAttribute('data-nav') === page) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    });
    var rendering;
    if (page === 'dashboard') rendering = renderDashboard();
    else if (page === 'project') rendering = renderProject(parts[1]);
    else if (page === 'admin') rendering = renderAdmin();
    else if (page === 'my-signals') rendering = renderMySignals();
    else if (page === 'search') rendering = renderSearch(query);
    else if (page === 'slack') rendering = renderSlack(query);
    else rendering = renderIssue(parts[1] ? decodeURIComponent(parts[1]) : '');
    Promise.resolve(rendering).catch(function (error) {
      view.replaceChildren(h('div', { class: 'notice', role: 'alert' }, 'The sandbox could not show this page: ' + error.message));
    });
  }

  function applyTheme(colorMode) {
    document.documentElement.setAttribute('data-color-mode', colorMode);
    themeToggle.setAttribute('aria-pressed', String(colorMode === 'dark'));
    themeToggle.textContent = colorMode === 'dark' ? 'Light theme' : 'Dark theme';
    tellFrames({ type: 'theme', colorMode: colorMode });
  }

  themeToggle.addEventListener('click', function () {
    var next = document.documentElement.getAttribute('data-color-mode') === 'dark' ? 'light' : 'dark';
    setCookie(THEME_COOKIE, next);
    applyTheme(next);
  });

  personaSelect.addEventListener('change', function () {
    setCookie(PERSONA_COOKIE, personaSelect.value);
    render();
  });

  window.addEventListener('hashchange', render);

  if (!cookie(PERSONA_COOKIE)) setCookie(PERSONA_COOKIE, 'engineer');
  applyTheme(cookie(THEME_COOKIE) === 'dark' ? 'dark' : 'light');

  getJson('/__sandbox/catalog').then(function (answer) {
    catalog = answer;
    catalog.personas.forEach(function (persona) {
      personaSelect.append(h('option', { value: persona.role, selected: persona.role === cookie(PERSONA_COOKIE) },
        persona.displayName + ' — ' + persona.label));
    });
    render();
  }).catch(function (error) {
    view.replaceChildren(h('div', { class: 'notice', role: 'alert' }, 'The sandbox host did not answer: ' + error.message));
  });
})();
