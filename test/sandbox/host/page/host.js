/*
 * The host page: frames each Upstream surface the way Jira does (issue view with the Work type field and the
 * Upstream panel, a dashboard with the gadget, a project page, the admin page). Plain JavaScript, served by the
 * sandbox host; not part of the app bundle.
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
    return h('span', { class: 'lozenge ' + status.category }, status.name);
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
      var details = h('dl', { class: 'details' },
        h('dt', null, 'Status'), h('dd', null, statusLozenge(issue.status)),
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
