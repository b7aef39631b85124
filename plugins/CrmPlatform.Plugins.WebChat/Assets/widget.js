/*
 * CrmPlatform web chat widget. Add it to any page with one tag:
 *   <script src="https://crm.example.com/channels/webchat/assets/widget.js" data-title="Chat with us" async></script>
 * Plain JavaScript, no dependencies. Talks only to the platform that served it:
 *   POST {channel}/inbound  {"type":"start"} or {"type":"message", token, id, text, consent}  (sent as text/plain: no CORS preflight)
 *   GET  {channel}/live?token=...  Server-Sent Events: every message of this visitor, both ways
 * A signed-in customer is linked with CrmChat.identify({ email, signature }), the signature being the hex
 * HMAC-SHA256 of the lower-cased email under the identity secret shared with the site's back end.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.CrmChat) { return; }
  var channel = new URL('../', script.src).href;
  var title = script.getAttribute('data-title') || 'Chat with us';
  var storageKey = 'crm-chat:' + channel;
  var session = load();
  var ready = session ? Promise.resolve(session) : start({});
  var source = null;
  var seen = {};
  var ui = build();

  function load() {
    try { return JSON.parse(window.localStorage.getItem(storageKey)); } catch (e) { return null; }
  }

  function save(value) {
    session = value;
    try { window.localStorage.setItem(storageKey, JSON.stringify(value)); } catch (e) { /* private mode: the session lasts the page */ }
    return value;
  }

  function post(body) {
    return fetch(channel + 'inbound', {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) {
        return response.text().then(function (text) { throw new Error('The chat refused the request (' + response.status + '): ' + text); });
      }
      return response.status === 200 || response.status === 202 ? response.json() : {};
    });
  }

  function start(body) {
    body.type = 'start';
    return post(body).then(function (started) { return save({ token: started.token, visitorId: started.visitorId, email: started.email || null }); });
  }

  function connect() {
    ready.then(function (current) {
      if (source) { source.close(); }
      source = new EventSource(channel + 'live?token=' + encodeURIComponent(current.token));
      source.addEventListener('message', function (event) { show(JSON.parse(event.data)); });
      source.addEventListener('open', function () { ui.box.setAttribute('data-connected', 'true'); });
      source.addEventListener('error', function () { ui.box.setAttribute('data-connected', 'false'); });
    }, report);
  }

  function send(text) {
    text = String(text || '').trim();
    if (!text) { return Promise.resolve(); }
    var id = Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
    return ready.then(function (current) {
      show({ id: current.visitorId + ':' + id, from: 'visitor', text: text, pending: true });
      // The first message of a conversation asks for replies on the chat: it opts the customer in.
      return post({ type: 'message', token: current.token, email: current.email, id: id, text: text, consent: !current.consented })
        .then(function () { if (!current.consented) { current.consented = true; save(current); } });
    }).then(function () { return undefined; }, report);
  }

  function identify(who) {
    if (!who || !who.email) { return Promise.reject(new Error('identify needs an email.')); }
    ready = ready.catch(function () { return null; }).then(function (current) {
      if (current && current.email === String(who.email).trim().toLowerCase()) { return current; }
      return start({ email: String(who.email).trim().toLowerCase(), signature: who.signature || null, name: who.name || null });
    });
    ui.log.textContent = '';
    seen = {};
    connect();
    return ready.then(function () { return undefined; });
  }

  // On sign-out: forget the visitor (and its conversation in this browser) and start anonymously again.
  function reset() {
    try { window.localStorage.removeItem(storageKey); } catch (e) { /* nothing stored */ }
    ready = start({});
    ui.log.textContent = '';
    seen = {};
    connect();
    return ready.then(function () { return undefined; });
  }

  function show(message) {
    var existing = seen[message.id];
    if (existing) {
      if (!message.pending) { existing.removeAttribute('data-pending'); }
      return;
    }
    var line = document.createElement('div');
    line.className = 'crm-chat-message crm-chat-' + message.from;
    line.setAttribute('data-from', message.from);
    if (message.pending) { line.setAttribute('data-pending', 'true'); }
    line.textContent = message.text;
    seen[message.id] = line;
    ui.log.appendChild(line);
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function report(error) {
    ui.status.textContent = error && error.message ? error.message : String(error);
  }

  function build() {
    var style = document.createElement('style');
    style.textContent =
      '.crm-chat{position:fixed;right:16px;bottom:16px;width:300px;font:14px sans-serif;background:#fff;border:1px solid #ccc;border-radius:8px;box-shadow:0 2px 12px rgba(0,0,0,.2);z-index:2147483000}' +
      '.crm-chat-title{padding:8px 12px;background:#2d5be3;color:#fff;border-radius:8px 8px 0 0}' +
      '.crm-chat-log{height:220px;overflow-y:auto;padding:8px}' +
      '.crm-chat-message{margin:4px 0;padding:6px 8px;border-radius:6px;max-width:85%;white-space:pre-wrap;word-wrap:break-word}' +
      '.crm-chat-visitor{background:#e8eefc;margin-left:auto}.crm-chat-agent{background:#f0f0f0}' +
      '.crm-chat-form{display:flex;border-top:1px solid #eee}.crm-chat-form input{flex:1;border:0;padding:8px}' +
      '.crm-chat-status{color:#a00;font-size:12px;padding:0 8px}';
    document.head.appendChild(style);
    var box = document.createElement('div');
    box.className = 'crm-chat';
    box.setAttribute('data-crm-chat', '');
    box.innerHTML = '<div class="crm-chat-title"></div><div class="crm-chat-log" aria-live="polite"></div>' +
      '<div class="crm-chat-status"></div><form class="crm-chat-form"><input name="text" autocomplete="off" maxlength="2000" placeholder="Write a message">' +
      '<button type="submit">Send</button></form>';
    box.querySelector('.crm-chat-title').textContent = title;
    var form = box.querySelector('form');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var input = form.elements.text;
      send(input.value);
      input.value = '';
    });
    (document.body || document.documentElement).appendChild(box);
    return { box: box, log: box.querySelector('.crm-chat-log'), status: box.querySelector('.crm-chat-status') };
  }

  window.CrmChat = { identify: identify, send: send, reset: reset };
  connect();
}());
