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
