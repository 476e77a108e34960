/*
 * The Custom UI bridge as the Upstream sandbox host provides it. Jira injects an equivalent into every Custom UI
 * frame; @forge/bridge calls `globalThis.__bridge.callBridge(name, payload)` and this answers. The host injects
 * this file as the first script in the app's <head>, so it exists before @forge/bridge is evaluated.
 *
 * The frame's identity (module, entry point, issue, project, gadget) comes from its URL, set by the host page;
 * who the user is never comes from here: the host server reads the signed-in persona from its cookie.
 */
(function () {
  'use strict';

  var params = new URLSearchParams(window.location.search);
  var frame = {
    moduleKey: params.get('module') || '',
    entryPoint: params.get('entryPoint') === 'edit' ? 'edit' : 'view',
    issueKey: params.get('issueKey'),
    projectKey: params.get('projectKey'),
    gadgetId: params.get('gadgetId'),
  };
  var frameId = params.get('frameId') || '';
  // A modal frame (opened with `new Modal(...).open()`) carries the opener's context in its URL; Forge hands it to
  // the modal as `extension.modal`. Like all context, it routes and labels, never authorises.
  var modalContext = null;
  try {
    modalContext = params.get('modal') === null ? null : JSON.parse(params.get('modal'));
  } catch (error) {
    modalContext = {};
  }
  // onClose callbacks of the modals this frame opened, by the id the host echoes back when one closes.
  var modalCallbacks = {};
  var modalCounter = 0;
  var THEME_ATTRIBUTE = 'dark:dark light:light motion:motion shape:shape spacing:spacing typography:typography';
  var themingEnabled = false;

  function post(path, body) {
    return fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.text().then(function (text) {
        var data = text ? JSON.parse(text) : {};
        if (!response.ok) throw new Error((data && data.message) || 'The sandbox host answered ' + response.status);
        return data;
      });
    });
  }

  /** Messages to the host page (same origin), e.g. "I submitted", "my height changed". */
  function tellHost(type, detail) {
    if (window.parent === window) return;
    var message = { source: 'upstream-sandbox-frame', type: type, frameId: frameId };
    for (var key in detail || {}) message[key] = detail[key];
    window.parent.postMessage(message, window.location.origin);
  }

  function cookie(name) {
    var match = document.cookie.split('; ').find(function (part) { return part.indexOf(name + '=') === 0; });
    return match ? decodeURIComponent(match.slice(name.length + 1)) : null;
  }

  function applyTheme(colorMode) {
    var html = document.documentElement;
    html.setAttribute('data-theme', THEME_ATTRIBUTE);
    html.setAttribute('data-color-mode', colorMode === 'dark' ? 'dark' : 'light');
    if (!document.getElementById('upstream-sandbox-tokens')) {
      var link = document.createElement('link');
      link.id = 'upstream-sandbox-tokens';
      link.rel = 'stylesheet';
      link.href = '/__sandbox/theme.css';
      document.head.appendChild(link);
    }
  }

  // Local listeners for events.on / onPublic; the host page relays emits between frames.
  var listeners = [];
  function subscribe(scope, payload) {
    var entry = { scope: scope, event: payload.event, callback: payload.callback };
    listeners.push(entry);
    return { unsubscribe: function () { listeners = listeners.filter(function (l) { return l !== entry; }); } };
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== window.location.origin || !event.data || event.data.source !== 'upstream-sandbox-host') return;
    if (event.data.type === 'theme' && themingEnabled) applyTheme(event.data.colorMode);
    if (event.data.type === 'modal-closed') {
      var onClose = modalCallbacks[event.data.modalId];
      delete modalCallbacks[event.data.modalId];
      if (typeof onClose === 'function') onClose(event.data.payload);
    }
    if (event.data.type === 'event') {
      listeners.forEach(function (l) {
        if (l.scope === event.data.scope && l.event === event.data.event) l.callback(event.data.payload);
      });
    }
  });

  function createHistory() {
    var location = { pathname: '/', search: '', hash: '', state: null, key: 'default' };
    var historyListeners = [];
    function go(to, state) {
      var url = new URL(typeof to === 'string' ? to : (to.pathname || '/') + (to.search || '') + (to.hash || ''), 'http://app.invalid');
      location = { pathname: url.pathname, search: url.search, hash: url.hash, state: state === undefined ? null : state, key: String(Date.now()) };
      history.location = location;
      historyListeners.forEach(function (listener) { listener(location, 'PUSH'); });
    }
    var history = {
      location: location,
      action: 'POP',
      push: go,
      replace: go,
      go: function () {},
      back: function () {},
      forward: function () {},
      listen: function (listener) {
        historyListeners.push(listener);
        return function () { historyListeners = historyListeners.filter(function (l) { return l !== listener; }); };
      },
    };
    return history;
  }

  var handlers = {
    invoke: function (call) {
      return post('/__sandbox/invoke', { frame: frame, functionKey: call.functionKey, payload: call.payload, metadata: call.metadata })
        .then(function (answer) {
          return call.metadata && call.metadata.rateLimitProperties
            ? { body: answer.result, metadata: { rateLimitProperties: {} } }
            : answer.result;
        });
    },
    getContext: function () {
      return post('/__sandbox/context', { frame: frame }).then(function (answer) {
        if (modalContext !== null && answer.context && answer.context.extension) answer.context.extension.modal = modalContext;
        return answer.context;
      });
    },
    submit: function (payload) {
      return post('/__sandbox/submit', { frame: frame, payload: payload === undefined ? null : payload }).then(function (answer) {
        if (answer.ok) tellHost('submitted', {});
        else console.warn('Upstream sandbox: submit refused:', answer.message);
        return answer.ok;
      });
    },
    close: function (payload) {
      if (frame.entryPoint !== 'edit' && modalContext === null) return false;
      tellHost('close', { payload: payload === undefined ? null : payload });
      return true;
    },
    openModal: function (options) {
      // The host draws the modal over the page; only the onClose callback stays here (functions do not cross frames).
      var modalId = frameId + '-modal-' + ++modalCounter;
      modalCallbacks[modalId] = options.onClose;
      tellHost('open-modal', {
        modalId: modalId,
        resource: options.resource || null,
        size: options.size || 'medium',
        context: options.context || {},
        closeOnEscape: options.closeOnEscape !== false,
        closeOnOverlayClick: options.closeOnOverlayClick !== false,
        title: options.title || '',
      });
      return true;
    },
    refresh: function () {
      tellHost('refresh', {});
      return true;
    },
    enableTheming: function () {
      themingEnabled = true;
      applyTheme(cookie('upstream-sandbox-theme'));
    },
    createHistory: createHistory,
    navigate: function (location) {
      tellHost('navigate', { location: location });
    },
    getUrl: function (location) {
      if (location && location.target === 'issue') return window.location.origin + '/#/issue/' + encodeURIComponent(location.issueKey);
      return window.location.origin + '/';
    },
    emit: function (payload) { tellHost('event', { scope: 'app', event: payload.event, payload: payload.payload }); },
    emitPublic: function (payload) { tellHost('event', { scope: 'public', event: payload.event, payload: payload.payload }); },
    on: function (payload) { return subscribe('app', payload); },
    onPublic: function (payload) { return subscribe('public', payload); },
    changeWindowTitle: function () {},
    emitReadyEvent: function () {},
  };

  globalThis.__bridge = {
    callBridge: function (name, payload) {
      var handler = handlers[name];
      if (!handler) {
        // Never a quiet success: the app should learn that the sandbox does not model this call.
        return Promise.reject(new Error('The Upstream sandbox bridge does not implement "' + name + '"'));
      }
      try {
        return Promise.resolve(handler(payload));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };

  // Jira sizes Custom UI frames to their content; report the height whenever it changes. The lowest element
  // bottom is measured rather than body.scrollHeight, so absolutely positioned content (an open select menu)
  // counts too, and the frame can shrink again when it closes.
  var lastHeight = -1;
  var measureScheduled = false;
  function reportHeight() {
    measureScheduled = false;
    var body = document.body;
    if (!body) return;
    var bottom = body.getBoundingClientRect().bottom;
    var elements = body.getElementsByTagName('*');
    for (var i = 0; i < elements.length; i++) {
      var rect = elements[i].getBoundingClientRect();
      if (rect.height > 0 && rect.bottom > bottom) bottom = rect.bottom;
    }
    var height = Math.ceil(bottom + window.scrollY + parseFloat(getComputedStyle(body).marginBottom || '0'));
    if (height === lastHeight) return;
    lastHeight = height;
    tellHost('resize', { height: height });
  }
  function scheduleMeasure() {
    if (measureScheduled) return;
    measureScheduled = true;
    requestAnimationFrame(reportHeight);
  }
  // Jira closes a modal on Escape pressed inside it, unless the app handled the key itself (an open menu).
  if (modalContext !== null) {
    window.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && !event.defaultPrevented) tellHost('modal-escape', {});
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    new ResizeObserver(scheduleMeasure).observe(document.body);
    new MutationObserver(scheduleMeasure).observe(document.body, { childList: true, subtree: true, attributes: true });
    scheduleMeasure();
  });
})();
