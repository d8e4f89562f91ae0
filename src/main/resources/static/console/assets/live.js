// Live updates of every console page: one stream of server-sent events per page (queue counts, tickets, chats and
// colleagues' presence on a ticket), browser notifications and an optional sound. Without EventSource, or while the
// stream is down, the pages keep polling as they did before.
(function () {
    var body = document.body;
    var url = body.dataset.live;
    var live = window.atendeLive = {connected: false};
    var SOUND_KEY = 'atende.live.sound';

    function csrf() {
        var token = document.querySelector('meta[name="_csrf"]');
        var header = document.querySelector('meta[name="_csrf_header"]');
        return token && header ? {header: header.content, token: token.content} : null;
    }

    // The lists that poll stop polling while the stream is up; a live event refreshes them instead.
    document.addEventListener('htmx:beforeRequest', function (event) {
        var element = event.detail.elt;
        if (!live.connected || !(element.matches('[data-live-queue], [data-live-chats]'))) {
            return;
        }
        if (element.dataset.liveRefresh) {
            delete element.dataset.liveRefresh;
        } else {
            event.preventDefault();
        }
    });

    function refresh(element) {
        if (element && window.htmx) {
            element.dataset.liveRefresh = '1';
            htmx.trigger(element, 'atende:refresh');
        }
    }

    function showCounts(counts) {
        Object.keys(counts).forEach(function (key) {
            document.querySelectorAll('[data-live-count="' + key + '"], #count-' + key).forEach(function (badge) {
                badge.textContent = String(counts[key]);
                badge.hidden = false;
            });
        });
    }

    // The queue: changed rows are marked where they are, and tickets not on the page are counted in a bar that
    // loads the list again when asked, so nothing moves under the operator's cursor.
    var pending = {};
    function queueEvent(ticket) {
        var queue = document.querySelector('[data-live-queue]');
        if (!queue) {
            return;
        }
        var row = document.getElementById('ticket-' + ticket.ticket);
        if (row) {
            row.classList.add('live-changed');
            return;
        }
        if (ticket.kind === 'ticket_operator_replied') {
            return;
        }
        pending[ticket.ticket] = true;
        var bar = document.getElementById('live-new');
        if (!bar) {
            bar = document.createElement('div');
            bar.id = 'live-new';
            bar.className = 'live-new';
            bar.setAttribute('role', 'status');
            var text = document.createElement('span');
            var button = document.createElement('button');
            button.type = 'button';
            button.className = 'link';
            button.textContent = body.dataset.liveShow;
            button.addEventListener('click', function () {
                pending = {};
                bar.remove();
                refresh(document.querySelector('[data-live-queue]'));
            });
            bar.appendChild(text);
            bar.appendChild(document.createTextNode(' '));
            bar.appendChild(button);
            queue.parentNode.insertBefore(bar, queue);
        }
        bar.firstChild.textContent = body.dataset.liveNew.replace('{n}', String(Object.keys(pending).length));
    }

    function beep() {
        var Context = window.AudioContext || window.webkitAudioContext;
        if (!Context || localStorage.getItem(SOUND_KEY) !== 'on') {
            return;
        }
        try {
            var context = new Context();
            var oscillator = context.createOscillator();
            var gain = context.createGain();
            oscillator.frequency.value = 880;
            gain.gain.setValueAtTime(0.15, context.currentTime);
            gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.4);
            oscillator.connect(gain).connect(context.destination);
            oscillator.start();
            oscillator.stop(context.currentTime + 0.4);
        } catch (ignored) {
            // A browser that refuses to play before the page was touched stays silent.
        }
    }

    function notify(text, link, tag) {
        if (!text) {
            return;
        }
        beep();
        if (!('Notification' in window) || Notification.permission !== 'granted') {
            return;
        }
        var shown = new Notification(text, {tag: tag});
        shown.onclick = function () {
            window.focus();
            window.location.href = link;
        };
    }

    // The ticket page: this operator's presence announced to colleagues, and theirs shown.
    var presence = document.getElementById('presence');
    var others = {};
    function showPresence() {
        if (!presence) {
            return;
        }
        var now = Date.now();
        var texts = [];
        Object.keys(others).forEach(function (operator) {
            if (others[operator].until < now) {
                delete others[operator];
            } else {
                texts.push(others[operator].text);
            }
        });
        presence.textContent = texts.join(' · ');
        presence.classList.toggle('active', texts.length > 0);
    }
    if (presence) {
        var presenceUrl = presence.dataset.presence;
        var ticketId = presenceUrl.split('/').slice(-2)[0];
        var state = 'viewing';
        var typingTimer = null;
        var announce = function (next) {
            state = next;
            var token = csrf();
            var headers = {'Content-Type': 'application/x-www-form-urlencoded'};
            if (token) {
                headers[token.header] = token.token;
            }
            fetch(presenceUrl, {method: 'POST', headers: headers, body: 'state=' + next, credentials: 'same-origin'})
                .catch(function () { /* the next announcement tries again */ });
        };
        announce('viewing');
        setInterval(function () { announce(state); }, 20000);
        setInterval(showPresence, 5000);
        document.addEventListener('input', function (event) {
            if (!event.target.matches('textarea, [contenteditable]')) {
                return;
            }
            if (state !== 'replying') {
                announce('replying');
            }
            clearTimeout(typingTimer);
            typingTimer = setTimeout(function () { announce('viewing'); }, 15000);
        });
        window.addEventListener('pagehide', function () {
            var token = csrf();
            var form = new URLSearchParams({state: 'left'});
            if (token) {
                form.append('_csrf', token.token);
            }
            navigator.sendBeacon(presenceUrl, form);
        });
        live.ticket = ticketId;
        // A colleague who just arrived learns at once that this operator is here too.
        live.greet = function () {
            announce(state);
        };
    }

    // The profile page: asking for the browser's permission (only on the operator's click) and the sound choice.
    var ask = document.getElementById('live-notifications');
    var stateText = document.getElementById('live-notifications-state');
    function showPermission() {
        if (!ask) {
            return;
        }
        var supported = 'Notification' in window;
        var permission = supported ? Notification.permission : 'unsupported';
        ask.hidden = permission !== 'default';
        stateText.textContent = permission === 'granted' ? ask.dataset.on
            : permission === 'denied' ? ask.dataset.blocked : permission === 'unsupported' ? ask.dataset.unsupported : '';
    }
    if (ask) {
        ask.addEventListener('click', function () {
            Notification.requestPermission().then(showPermission);
        });
        showPermission();
    }
    var sound = document.getElementById('live-sound');
    if (sound) {
        sound.checked = localStorage.getItem(SOUND_KEY) === 'on';
        sound.addEventListener('change', function () {
            localStorage.setItem(SOUND_KEY, sound.checked ? 'on' : 'off');
            if (sound.checked) {
                beep();
            }
        });
    }

    if (!url || !window.EventSource) {
        return;
    }
    var source = new EventSource(url);
    live.source = source;
    source.addEventListener('open', function () {
        live.connected = true;
    });
    source.addEventListener('error', function () {
        // The browser reconnects by itself; meanwhile the lists poll again.
        live.connected = false;
    });
    source.addEventListener('counts', function (event) {
        live.connected = true;
        showCounts(JSON.parse(event.data));
    });
    source.addEventListener('ticket', function (event) {
        var ticket = JSON.parse(event.data);
        queueEvent(ticket);
        notify(ticket.notify, body.dataset.live.replace(/live$/, 'tickets/' + ticket.ticket), 'ticket-' + ticket.ticket);
    });
    source.addEventListener('chat', function (event) {
        var chat = JSON.parse(event.data);
        refresh(document.querySelector('[data-live-chats]'));
        notify(chat.notify, body.dataset.live.replace(/live$/, 'chats'), 'chat-' + chat.chat);
    });
    source.addEventListener('presence', function (event) {
        var seen = JSON.parse(event.data);
        if (seen.ticket !== live.ticket) {
            return;
        }
        if (seen.state === 'left') {
            delete others[seen.operator];
        } else {
            if (!others[seen.operator] && live.greet) {
                live.greet();
            }
            others[seen.operator] = {text: seen.text, until: Date.now() + 50000};
        }
        showPresence();
    });
})();
