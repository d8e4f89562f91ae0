// The desk pages (tickets and chats). Loaded by their templates only.
(function () {
    // Refusals come back as 400/409/413 with the form and its error in place: let htmx swap them in.
    document.addEventListener('htmx:beforeSwap', function (event) {
        var status = event.detail.xhr.status;
        if (status === 400 || status === 409 || status === 413) {
            event.detail.shouldSwap = true;
            event.detail.isError = false;
        }
    });

    // A new action starts with no old alert on the page.
    document.addEventListener('htmx:beforeRequest', function () {
        var alert = document.getElementById('desk-alert');
        if (alert) {
            alert.innerHTML = '';
        }
    });

    // The stopwatch next to the reply box counts the minutes worked and fills them in.
    document.addEventListener('click', function (event) {
        var button = event.target.closest('.desk-stopwatch-toggle');
        if (!button) {
            return;
        }
        var field = document.getElementById(button.dataset.target);
        var clock = button.parentElement.querySelector('.desk-stopwatch-clock');
        if (button.dataset.running) {
            clearInterval(Number(button.dataset.running));
            delete button.dataset.running;
            button.textContent = button.dataset.start;
            return;
        }
        var started = Date.now() - (Number(field.value) || 0) * 60000;
        var tick = function () {
            var seconds = Math.floor((Date.now() - started) / 1000);
            field.value = Math.floor(seconds / 60);
            clock.textContent = Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
        };
        tick();
        button.dataset.running = String(setInterval(tick, 1000));
        button.textContent = button.dataset.stop;
    });

    // A live chat: the server streams each new message as HTML (rendered and escaped by the server) and
    // each change of the chat; the browser reconnects by itself, resuming after the last event it saw.
    function follow(conversation) {
        var source = new EventSource(conversation.dataset.stream);
        source.addEventListener('message', function (event) {
            var holder = document.createElement('div');
            holder.innerHTML = event.data;
            var message = holder.firstElementChild;
            if (message && !document.getElementById(message.id)) {
                conversation.appendChild(message);
                conversation.scrollTop = conversation.scrollHeight;
            }
        });
        var show = function (event) {
            var state = document.getElementById('chat-state');
            if (state) {
                state.textContent = event.data;
            }
        };
        source.addEventListener('situation', show);
        source.addEventListener('ended', function (event) {
            show(event);
            // Nothing more will come: stop listening and put the writing controls away.
            source.close();
            document.querySelectorAll('#compose form, #actions form').forEach(function (form) {
                form.querySelectorAll('button, textarea, input, select').forEach(function (control) {
                    control.disabled = true;
                });
            });
        });
        conversation.scrollTop = conversation.scrollHeight;
    }

    document.addEventListener('DOMContentLoaded', function () {
        document.querySelectorAll('[data-stream]').forEach(follow);
    });
})();
