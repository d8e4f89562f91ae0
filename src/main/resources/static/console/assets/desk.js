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
            holder.innerHTML = event.data.replace(/\u2028/g, '\n');
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
        // The customer types: shown for a few seconds unless renewed; their message (or the end) takes it away.
        var typing = document.getElementById('chat-typing');
        var typingTimer = null;
        var stopTyping = function () {
            clearTimeout(typingTimer);
            if (typing) {
                typing.hidden = true;
                typing.textContent = '';
            }
        };
        source.addEventListener('typing', function (event) {
            if (!typing) {
                return;
            }
            typing.textContent = event.data;
            typing.hidden = false;
            clearTimeout(typingTimer);
            typingTimer = setTimeout(stopTyping, 6000);
        });
        source.addEventListener('message', function (event) {
            if (event.data.indexOf('message customer') >= 0) {
                stopTyping();
            }
        });
        source.addEventListener('situation', show);
        source.addEventListener('ended', function (event) {
            stopTyping();
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


    function csrfHeaders() {
        var token = document.querySelector('meta[name="_csrf"]');
        var header = document.querySelector('meta[name="_csrf_header"]');
        var headers = {};
        if (token && header) {
            headers[header.content] = token.content;
        }
        return headers;
    }

    // The chat's reply box: Enter sends, Shift+Enter starts a new line; typing tells the customer, every few seconds at most.
    var typingSent = 0;
    var refocus = false;
    document.addEventListener('keydown', function (event) {
        var box = event.target;
        if (box.id !== 'chat-message' || event.key !== 'Enter' || event.shiftKey || event.isComposing) {
            return;
        }
        event.preventDefault();
        if (box.value.trim()) {
            refocus = true;
            box.form.requestSubmit();
        }
    });
    document.addEventListener('input', function (event) {
        var box = event.target;
        if (box.id !== 'chat-message' || !box.dataset.typing || !box.value || Date.now() - typingSent < 3000) {
            return;
        }
        typingSent = Date.now();
        fetch(box.dataset.typing, {method: 'POST', headers: csrfHeaders(), credentials: 'same-origin'})
            .catch(function () { /* a lost hint is no error */ });
    });
    document.addEventListener('htmx:afterSettle', function () {
        // After a message was sent the reply box is new: keep writing without reaching for the mouse.
        var box = document.getElementById('chat-message');
        if (refocus && box) {
            refocus = false;
            typingSent = 0;
            box.focus();
        }
    });

    // A canned reply (a macro's reply, filled in for this chat) goes into the reply box where the cursor is.
    document.addEventListener('submit', function (event) {
        var form = event.target;
        if (!form.dataset || !form.dataset.canned) {
            return;
        }
        event.preventDefault();
        var choice = form.querySelector('select');
        fetch(form.dataset.canned + encodeURIComponent(choice.value), {headers: {'Accept': 'text/plain'}, credentials: 'same-origin'})
            .then(function (response) {
                if (!response.ok) {
                    throw new Error(String(response.status));
                }
                return response.text();
            })
            .then(function (text) {
                var box = document.getElementById('chat-message');
                var start = box.selectionStart || 0;
                var end = box.selectionEnd || 0;
                box.value = box.value.slice(0, start) + text + box.value.slice(end);
                box.focus();
                box.selectionStart = box.selectionEnd = start + text.length;
            })
            .catch(function () {
                form.submit();
            });
    });

    // The queue's waiting times count up every second between the queue's reloads.
    setInterval(function () {
        document.querySelectorAll('time[data-waiting-since]').forEach(function (clock) {
            if (!clock.dataset.loadedAt) {
                clock.dataset.loadedAt = String(Date.now());
            }
            // From the server's count when the row came, so that the browser's clock does not matter.
            var seconds = Number(clock.dataset.serverWait) + Math.floor((Date.now() - Number(clock.dataset.loadedAt)) / 1000);
            clock.textContent = Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
        });
    }, 1000);

    // The "open ticket" form's customer field: suggestions as one types (name, e-mail, id), chosen with the arrow
    // keys and Enter or the mouse, in the ARIA combobox pattern; "a new customer" switches to the inline form.
    function customerCombobox(input) {
        var list = document.getElementById(input.getAttribute('aria-controls'));
        var chosenId = document.getElementById(input.dataset.chosen || 'customer-id');
        var timer = null;
        var sent = 0;
        var active = -1;

        function options() {
            return Array.prototype.slice.call(list.querySelectorAll('[role=option]'));
        }
        function close() {
            list.hidden = true;
            input.setAttribute('aria-expanded', 'false');
            input.removeAttribute('aria-activedescendant');
            active = -1;
        }
        function highlight(index) {
            var all = options();
            if (all.length === 0) {
                return;
            }
            active = (index + all.length) % all.length;
            all.forEach(function (option, i) {
                option.setAttribute('aria-selected', i === active ? 'true' : 'false');
            });
            input.setAttribute('aria-activedescendant', all[active].id);
            all[active].scrollIntoView({block: 'nearest'});
        }
        function take(option) {
            if (option.dataset.create !== undefined) {
                startNew(input.value.trim());
            } else {
                input.value = option.dataset.label;
                chosenId.value = option.dataset.id;
            }
            close();
        }
        function option(id, text, label) {
            var item = document.createElement('li');
            item.setAttribute('role', 'option');
            item.setAttribute('aria-selected', 'false');
            item.id = id;
            item.textContent = text;
            if (label !== undefined) {
                item.dataset.label = label;
            }
            return item;
        }
        function show(customers) {
            list.innerHTML = '';
            customers.forEach(function (customer, i) {
                var details = [customer.email, customer.internalId !== customer.email ? customer.internalId : null]
                    .filter(function (part) { return part; }).join(' · ');
                var item = option(input.id + '-option-' + i, customer.name + (details ? ' — ' + details : ''),
                    customer.email || customer.internalId);
                item.dataset.id = customer.id;
                list.appendChild(item);
            });
            if (customers.length === 0) {
                var none = document.createElement('li');
                none.className = 'combobox-empty';
                none.setAttribute('role', 'presentation');
                none.textContent = input.dataset.none;
                list.appendChild(none);
            }
            if (input.dataset.create) {
                var create = option(input.id + '-option-new', input.dataset.create);
                create.dataset.create = '';
                create.className = 'combobox-create';
                list.appendChild(create);
            }
            list.hidden = false;
            input.setAttribute('aria-expanded', 'true');
            active = -1;
            input.removeAttribute('aria-activedescendant');
        }
        function suggest() {
            var typed = input.value.trim();
            if (typed.length === 0) {
                close();
                return;
            }
            var mine = ++sent;
            fetch(input.dataset.suggest + '?q=' + encodeURIComponent(typed), {headers: {'Accept': 'application/json'}})
                .then(function (response) { return response.ok ? response.json() : []; })
                .then(function (customers) {
                    // An answer to an older text is dropped: only the latest typing counts.
                    if (mine === sent && document.activeElement === input) {
                        show(customers);
                    }
                })
                .catch(function () { close(); });
        }
        input.addEventListener('input', function () {
            chosenId.value = '';
            clearTimeout(timer);
            timer = setTimeout(suggest, 200);
        });
        input.addEventListener('keydown', function (event) {
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                event.preventDefault();
                if (list.hidden) {
                    suggest();
                    return;
                }
                highlight(active + (event.key === 'ArrowDown' ? 1 : -1));
            } else if (event.key === 'Enter' && !list.hidden && active >= 0) {
                event.preventDefault();
                take(options()[active]);
            } else if (event.key === 'Escape' && !list.hidden) {
                event.preventDefault();
                close();
            }
        });
        input.addEventListener('blur', function () {
            setTimeout(close, 150);
        });
        list.addEventListener('mousedown', function (event) {
            var picked = event.target.closest('[role=option]');
            if (picked) {
                event.preventDefault();
                take(picked);
            }
        });
    }

    // Switching between a known customer and a new one shows the fields of the one chosen.
    function startNew(typed) {
        var radio = document.querySelector('input[data-customer-mode][value=new]');
        radio.checked = true;
        showCustomerMode();
        var name = document.getElementById('new-customer-name');
        var email = document.getElementById('new-customer-email');
        if (typed && typed.indexOf('@') > 0 && !email.value) {
            email.value = typed;
        } else if (typed && !name.value) {
            name.value = typed;
        }
        (name.value ? email : name).focus();
    }
    function showCustomerMode() {
        var creating = document.querySelector('input[data-customer-mode][value=new]:checked') !== null;
        document.getElementById('customer-existing').hidden = creating;
        document.getElementById('customer-new').hidden = !creating;
    }
    document.addEventListener('change', function (event) {
        if (event.target.matches && event.target.matches('input[data-customer-mode]')) {
            showCustomerMode();
        }
    });
    function customerFields(root) {
        root.querySelectorAll('input[role=combobox][data-suggest]').forEach(function (input) {
            if (!input.dataset.bound) {
                input.dataset.bound = '1';
                customerCombobox(input);
            }
        });
    }
    document.addEventListener('htmx:afterSwap', function (event) {
        customerFields(event.detail.target.parentElement || document);
    });

    document.addEventListener('DOMContentLoaded', function () {
        document.querySelectorAll('[data-stream]').forEach(follow);
        customerFields(document);
    });
})();
