/*
 * Atende chat widget. Put on any page of a site the account allows:
 *   <script src="https://HOST/widget.js" data-account="ACCOUNT_ID" data-department="DEPARTMENT_ID" async></script>
 * A site that has signed its visitor in adds data-name, data-email and data-email-hash (the
 * HMAC-SHA256 of the e-mail under the account's identity secret, computed by the site's server):
 * only then is the chat the stored customer's.
 * It talks to HOST without cookies: the chat token it receives when the chat starts goes with each
 * of its requests (and in the stream's address, since EventSource cannot send headers).
 * When no one is at the chat desk it offers "leave a message" instead, which opens a ticket.
 * Each message shows its time (the visitor's clock) and who wrote it, operators with their initials as avatar;
 * "… is typing" shows while the operator types, and the visitor's typing is signalled to the desk.
 */
(function () {
    'use strict';
    var script = document.currentScript;
    if (!script || window.AtendeWidget) {
        return;
    }
    var base = new URL(script.src, location.href).origin;
    var account = script.getAttribute('data-account');
    var department = script.getAttribute('data-department');
    var visitor = { name: script.getAttribute('data-name'), email: script.getAttribute('data-email'),
        emailHash: script.getAttribute('data-email-hash') };
    var storageKey = 'atende-widget:' + account;
    var state = { chat: script.getAttribute('data-chat'), token: script.getAttribute('data-token'), after: 0, ended: false,
        offline: false };
    var texts = {};
    var source = null;
    var nodes = {};

    function saved() {
        try {
            return JSON.parse(sessionStorage.getItem(storageKey) || 'null');
        } catch (e) {
            return null;
        }
    }

    function save() {
        try {
            if (state.chat) {
                sessionStorage.setItem(storageKey, JSON.stringify({ chat: state.chat, token: state.token }));
            } else {
                sessionStorage.removeItem(storageKey);
            }
        } catch (e) { /* storage may be off; the chat still works until the page is left */ }
    }

    function query(params) {
        return Object.keys(params).map(function (k) {
            return encodeURIComponent(k) + '=' + encodeURIComponent(params[k]);
        }).join('&');
    }

    function request(method, path, params) {
        var options = { method: method, credentials: 'omit' };
        var url = base + path;
        if (method === 'GET') {
            url += '?' + query(params);
        } else {
            options.body = new URLSearchParams(params);
        }
        return fetch(url, options).then(function (response) {
            return response.json().then(function (body) {
                if (!response.ok) {
                    var failure = new Error(body.error || String(response.status));
                    failure.status = response.status;
                    throw failure;
                }
                return body;
            });
        });
    }

    function element(tag, attributes, text) {
        var node = document.createElement(tag);
        Object.keys(attributes || {}).forEach(function (name) {
            node.setAttribute(name, attributes[name]);
        });
        if (text) {
            node.textContent = text;
        }
        return node;
    }

    function field(form, id, label, input) {
        form.appendChild(element('label', { 'for': id }, label));
        input.id = id;
        form.appendChild(input);
        return input;
    }

    function style(config) {
        var css = '#atende-widget-button,#atende-widget{font:15px/1.4 system-ui,sans-serif;z-index:2147483000;position:fixed;right:16px;bottom:16px}'
            + '#atende-widget-button{background:' + config.accent + ';color:' + config.on_accent + ';border:0;border-radius:24px;padding:12px 18px;cursor:pointer;font-weight:600}'
            + '#atende-widget{width:min(360px,calc(100vw - 32px));max-height:min(560px,calc(100vh - 32px));display:flex;flex-direction:column;background:#fff;color:#1f2328;border:1px solid #d0d7de;border-radius:12px;box-shadow:0 8px 24px rgba(0,0,0,.2);overflow:hidden}'
            + '#atende-widget[hidden],#atende-widget [hidden]{display:none!important}'
            + '#atende-widget header{display:flex;justify-content:space-between;align-items:center;background:' + config.accent + ';color:' + config.on_accent + ';padding:8px 12px}'
            + '#atende-widget header h2{font-size:16px;margin:0}'
            + '#atende-widget header button{background:none;border:0;color:inherit;font-size:20px;cursor:pointer}'
            + '#atende-widget form{display:grid;gap:4px;padding:8px 12px}'
            + '#atende-widget label{font-weight:600}'
            + '#atende-widget input,#atende-widget textarea,#atende-widget select{font:inherit;padding:6px;border:1px solid #8c959f;border-radius:6px}'
            + '#atende-widget button.atende-primary{background:' + config.accent + ';color:' + config.on_accent + ';border:0;border-radius:6px;padding:8px;font-weight:600;cursor:pointer}'
            + '#atende-widget :focus-visible{outline:3px solid #1f2328;outline-offset:2px}'
            + '#atende-widget-log{list-style:none;margin:0;padding:8px 12px;overflow-y:auto;flex:1;min-height:120px}'
            + '#atende-widget-log ol{list-style:none;margin:0;padding:0}'
            + '#atende-widget-log:focus-visible{outline:2px solid #1f2328;outline-offset:-2px}'
            + '#atende-widget-log li{margin:4px 0;padding:6px 8px;border-radius:8px;background:#f6f8fa;white-space:pre-wrap;overflow-wrap:anywhere}'
            + '#atende-widget-log li.atende-C{background:#ddf4ff;margin-left:24px}'
            + '#atende-widget-log li.atende-S{background:none;color:#57606a;font-style:italic;text-align:center}'
            + '#atende-widget-log strong{display:block;font-size:12px;color:#57606a}'
            + '#atende-widget .atende-status{margin:0;padding:6px 12px;color:#57606a}'
            + '#atende-widget .atende-error{margin:0;padding:6px 12px;color:#b42318;font-weight:600}'
            + '#atende-widget .atende-actions{display:flex;gap:12px;padding:6px 12px;flex-wrap:wrap}'
            + '#atende-widget-log .atende-who{display:flex;align-items:center;gap:6px;font-size:12px;color:#57606a;margin-bottom:2px}'
            + '#atende-widget-log .atende-who strong{display:inline;flex:1}'
            + '#atende-widget-log time{font-size:11px;color:#57606a}'
            + '#atende-widget .atende-avatar{display:inline-flex;align-items:center;justify-content:center;width:24px;height:24px;border-radius:50%;background:' + config.accent + ';color:' + config.on_accent + ';font-size:11px;font-weight:700;flex:none}'
            + '#atende-widget .atende-typing{margin:0;padding:2px 12px 4px;color:#57606a;font-style:italic;font-size:13px}'
            + '#atende-widget-log li.atende-S .atende-who{justify-content:center}'
            + '#atende-widget .atende-status .atende-avatar{margin-right:6px;vertical-align:middle}';
        // A page with a Content-Security-Policy admits the style sheet with the nonce it gave this script.
        document.head.appendChild(element('style', script.nonce ? { nonce: script.nonce } : {}, css));
    }

    function build(config) {
        style(config);
        var button = element('button', { id: 'atende-widget-button', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'atende-widget' },
            texts.button);
        var panel = element('section', { id: 'atende-widget', role: 'dialog', 'aria-labelledby': 'atende-widget-title', hidden: '' });
        var header = element('header');
        header.appendChild(element('h2', { id: 'atende-widget-title' }, texts.title));
        var close = element('button', { type: 'button', 'aria-label': texts.close }, '\u00d7');
        header.appendChild(close);
        panel.appendChild(header);

        var error = element('p', { role: 'alert', 'class': 'atende-error', hidden: '' });
        panel.appendChild(error);

        var start = element('form', { id: 'atende-widget-start' });
        var name = field(start, 'atende-widget-name', texts.name, element('input', { name: 'name', autocomplete: 'name', required: '' }));
        var email = field(start, 'atende-widget-email', texts.email,
            element('input', { name: 'email', type: 'email', autocomplete: 'email', required: '' }));
        if (visitor.name) {
            name.value = visitor.name;
        }
        if (visitor.email && visitor.emailHash) {
            email.value = visitor.email;
            email.readOnly = true;
        }
        var first = field(start, 'atende-widget-first', texts.message, element('textarea', { name: 'message', rows: '3', required: '' }));
        var submit = element('button', { type: 'submit', 'class': 'atende-primary' }, texts.start);
        start.appendChild(submit);
        panel.appendChild(start);

        var status = element('p', { role: 'status', 'class': 'atende-status', id: 'atende-widget-status', hidden: '' });
        panel.appendChild(status);
        // The live region holds the list of messages (a list keeps its list semantics only without a role of its own).
        var log = element('div', { id: 'atende-widget-log', role: 'log', 'aria-live': 'polite', tabindex: '0', hidden: '' });
        var messages = element('ol');
        log.appendChild(messages);
        panel.appendChild(log);
        var typing = element('p', { id: 'atende-widget-typing', 'class': 'atende-typing', 'aria-live': 'polite', hidden: '' });
        panel.appendChild(typing);

        var compose = element('form', { id: 'atende-widget-compose', hidden: '' });
        var text = field(compose, 'atende-widget-text', texts.type, element('textarea', { name: 'message', rows: '2', required: '' }));
        compose.appendChild(element('button', { type: 'submit', 'class': 'atende-primary' }, texts.send));
        panel.appendChild(compose);

        var actions = element('div', { 'class': 'atende-actions', hidden: '' });
        var leave = element('button', { type: 'button', id: 'atende-widget-leave' }, texts.leave);
        var transcript = element('a', { id: 'atende-widget-transcript', download: '', hidden: '' }, texts.transcript);
        var again = element('button', { type: 'button', id: 'atende-widget-new', hidden: '' }, texts.new_chat);
        actions.appendChild(leave);
        actions.appendChild(transcript);
        actions.appendChild(again);
        panel.appendChild(actions);

        var rate = element('form', { id: 'atende-widget-rate', hidden: '' });
        var grade = field(rate, 'atende-widget-grade', texts.rate, element('select', { name: 'grade', required: '' }));
        for (var g = 5; g >= 1; g--) {
            grade.appendChild(element('option', { value: String(g) }, texts['grade_' + g]));
        }
        rate.appendChild(element('button', { type: 'submit', 'class': 'atende-primary' }, texts.rate_send));
        panel.appendChild(rate);

        document.body.appendChild(button);
        document.body.appendChild(panel);
        nodes = { button: button, panel: panel, error: error, start: start, status: status, log: log, messages: messages, compose: compose,
            actions: actions, leave: leave, transcript: transcript, rate: rate, text: text, first: first, again: again, submit: submit,
            typing: typing };

        function toggle(open) {
            panel.hidden = !open;
            button.hidden = open;
            button.setAttribute('aria-expanded', String(open));
            if (open) {
                (state.chat ? (nodes.compose.hidden ? close : text) : name).focus();
            } else {
                button.focus();
            }
        }
        button.addEventListener('click', function () { toggle(true); });
        close.addEventListener('click', function () { toggle(false); });
        panel.addEventListener('keydown', function (event) {
            if (event.key === 'Escape') {
                toggle(false);
            }
        });

        start.addEventListener('submit', function (event) {
            event.preventDefault();
            showError(null);
            var fields = { account: account, department: department, name: name.value, email: email.value, message: first.value };
            if (visitor.emailHash && email.value === visitor.email) {
                fields.email_hash = visitor.emailHash;
            }
            if (state.offline) {
                request('POST', '/widget/messages', fields)
                    .then(function () {
                        start.hidden = true;
                        first.value = '';
                        setStatus(texts.message_left);
                    })
                    .catch(function (failure) { showError(failure.message); });
                return;
            }
            request('POST', '/widget/chats', fields)
                .then(function (body) {
                    state.chat = body.chat_id;
                    state.token = body.token;
                    save();
                    chatting();
                    text.focus();
                })
                .catch(function (failure) { showError(failure.message); });
        });
        compose.addEventListener('submit', function (event) {
            event.preventDefault();
            showError(null);
            request('POST', '/widget/chats/' + state.chat + '/messages', { account: account, token: state.token, message: text.value })
                .then(function () {
                    text.value = '';
                    typingSent = 0;
                })
                .catch(function (failure) { showError(failure.message); });
        });
        // The desk hears that the visitor types, once every few seconds at most (the server shows it a few seconds).
        var typingSent = 0;
        text.addEventListener('input', function () {
            var now = Date.now();
            if (!state.chat || state.ended || !text.value || now - typingSent < 3000) {
                return;
            }
            typingSent = now;
            request('POST', '/widget/chats/' + state.chat + '/typing', { account: account, token: state.token })
                .catch(function () { /* only a hint: a lost signal is not worth an error */ });
        });
        text.addEventListener('keydown', function (event) {
            if (event.key === 'Enter' && !event.shiftKey) {
                event.preventDefault();
                compose.requestSubmit();
            }
        });
        leave.addEventListener('click', function () {
            request('POST', '/widget/chats/' + state.chat + '/finish', { account: account, token: state.token })
                .catch(function (failure) { showError(failure.message); });
        });
        again.addEventListener('click', function () {
            if (source) {
                source.close();
            }
            state.chat = null;
            state.token = null;
            state.ended = false;
            save();
            while (messages.firstChild) {
                messages.removeChild(messages.firstChild);
            }
            [log, compose, actions, rate, transcript, again].forEach(function (node) { node.hidden = true; });
            leave.hidden = false;
            first.value = '';
            showError(null);
            nodes.status.hidden = true;
            request('GET', '/widget/config', { account: account, department: department || '' })
                .then(function (config) { offer(config.available); })
                .catch(function () { offer(true); });
            name.focus();
        });
        rate.addEventListener('submit', function (event) {
            event.preventDefault();
            request('POST', '/widget/chats/' + state.chat + '/evaluation', { account: account, token: state.token, grade: grade.value })
                .then(function () {
                    rate.hidden = true;
                    setStatus(texts.rated);
                })
                .catch(function (failure) { showError(failure.message); });
        });

        if (state.chat && state.token) {
            save();
            chatting();
            if (script.getAttribute('data-open') === 'true') {
                toggle(true);
            }
        } else {
            var previous = saved();
            if (previous && previous.chat && previous.token) {
                state.chat = previous.chat;
                state.token = previous.token;
                chatting();
            } else {
                offer(config.available);
            }
        }
    }

    // A chat while someone is at the desk; otherwise the same form leaves a message (a ticket).
    function offer(available) {
        state.offline = !available;
        nodes.start.hidden = false;
        nodes.submit.textContent = available ? texts.start : texts.leave_message;
        if (available) {
            nodes.status.hidden = true;
        } else {
            setStatus(texts.offline);
        }
    }

    function showError(message) {
        nodes.error.hidden = !message;
        nodes.error.textContent = message || '';
    }

    function setStatus(message) {
        nodes.status.hidden = false;
        nodes.status.textContent = message;
    }

    function chatting() {
        nodes.start.hidden = true;
        nodes.log.hidden = false;
        nodes.compose.hidden = false;
        nodes.actions.hidden = false;
        nodes.transcript.href = base + '/widget/chats/' + state.chat + '/transcript?' + query({ account: account, token: state.token });
        nodes.transcript.hidden = false;
        setStatus(texts.queued);
        listen();
    }

    function listen() {
        if (source) {
            source.close();
        }
        source = new EventSource(base + '/widget/chats/' + state.chat + '/stream?' + query({ account: account, token: state.token }));
        source.addEventListener('message', function (event) {
            var data = JSON.parse(event.data);
            var item = element('li', { 'class': 'atende-' + data.sender_type });
            var who = element('div', { 'class': 'atende-who' });
            if (data.sender_type === 'A') {
                who.appendChild(avatar(data.sender));
            }
            if (data.sender_type !== 'S') {
                who.appendChild(element('strong', {}, data.sender_type === 'C' ? texts.you : data.sender));
            }
            who.appendChild(when(data.date));
            item.appendChild(who);
            item.appendChild(document.createTextNode(data.message));
            nodes.messages.appendChild(item);
            nodes.log.scrollTop = nodes.log.scrollHeight;
            if (data.sender_type === 'A') {
                stopTyping();
            }
        });
        source.addEventListener('typing', function (event) {
            var data = JSON.parse(event.data);
            nodes.typing.textContent = data.sender ? texts.typing.replace('{0}', data.sender) : texts.typing_someone;
            nodes.typing.hidden = false;
            clearTimeout(typingTimer);
            // Shown until the server's time for it runs out (measured here: the clocks of both sides may differ).
            var left = Math.min(10000, Math.max(1000, Date.parse(data.date) - Date.now()));
            typingTimer = setTimeout(stopTyping, isNaN(left) ? 6000 : left);
        });
        source.addEventListener('situation', function (event) {
            var data = JSON.parse(event.data);
            if (data.situation === 1) {
                setStatus(texts.queued);
            } else if (data.situation === 2) {
                setStatus(texts.in_progress.replace('{0}', data.operator || ''));
                if (data.operator) {
                    nodes.status.insertBefore(avatar(data.operator), nodes.status.firstChild);
                }
            } else {
                ended();
            }
        });
        source.addEventListener('error', function () {
            if (state.ended) {
                source.close();
            }
        });
    }

    var typingTimer = null;
    function stopTyping() {
        clearTimeout(typingTimer);
        nodes.typing.hidden = true;
        nodes.typing.textContent = '';
    }

    // Operators have no pictures: their avatar is their initials (first and last name), named for screen readers.
    function avatar(name) {
        var words = String(name || '').trim().split(/\s+/).filter(function (word) { return word; });
        var initials = words.length === 0 ? '?' : (words[0].charAt(0) + (words.length > 1 ? words[words.length - 1].charAt(0) : ''));
        var badge = element('span', { 'class': 'atende-avatar', 'aria-hidden': 'true' }, initials.toUpperCase());
        return badge;
    }

    // A message's time on the visitor's clock, the full date and time in its datetime attribute and title.
    function when(iso) {
        var date = new Date(iso);
        if (!iso || isNaN(date.getTime())) {
            return document.createTextNode('');
        }
        var shown = date.toDateString() === new Date().toDateString()
            ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
            : date.toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });
        return element('time', { datetime: iso, title: date.toLocaleString() }, shown);
    }

    function ended() {
        stopTyping();
        state.ended = true;
        if (source) {
            source.close();
        }
        setStatus(texts.ended);
        nodes.compose.hidden = true;
        nodes.leave.hidden = true;
        nodes.again.hidden = false;
        request('GET', '/widget/chats/' + state.chat, { account: account, token: state.token })
            .then(function (body) { nodes.rate.hidden = body.evaluated; })
            .catch(function () { nodes.rate.hidden = false; });
    }

    window.AtendeWidget = { version: 1 };
    // Says why there is no chat (a site the account did not allow, an unknown account) instead of staying silent.
    function unavailable(message) {
        document.head.appendChild(element('style', {}, '#atende-widget-unavailable{font:14px/1.4 system-ui,sans-serif;z-index:2147483000;'
            + 'position:fixed;right:16px;bottom:16px;max-width:320px;margin:0;background:#fff;color:#b42318;border:1px solid #d0d7de;'
            + 'border-radius:8px;padding:8px 12px}'));
        document.body.appendChild(element('p', { id: 'atende-widget-unavailable', role: 'status' }, message));
    }

    function whenReady(run) {
        if (document.body) {
            run();
        } else {
            document.addEventListener('DOMContentLoaded', run);
        }
    }

    request('GET', '/widget/config', { account: account, department: department || '' })
        .then(function (config) {
            texts = config.texts;
            whenReady(function () { build(config); });
        })
        .catch(function (failure) {
            if (window.console) {
                console.warn('Atende widget: ' + failure.message);
            }
            whenReady(function () { unavailable(failure.message); });
        });
}());
