// Keyboard shortcuts of the console (docs/console.md, Keyboard shortcuts). In a queue: j/k choose the next or
// previous ticket, o or Enter open it, x selects it for a bulk action; on a ticket: r reply, c comment, a assign to
// me; anywhere: / search, ? the list of shortcuts. Keys typed into a field are the field's, never a shortcut.
(function () {
    function typing(target) {
        if (!target || !target.tagName) {
            return false;
        }
        var tag = target.tagName;
        return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
    }

    function rows() {
        return Array.prototype.slice.call(document.querySelectorAll('#results tbody tr[id^="ticket-"]'));
    }

    var chosen = null;

    function choose(row) {
        rows().forEach(function (other) {
            other.classList.remove('chosen');
        });
        if (!row) {
            return;
        }
        chosen = row.id;
        row.classList.add('chosen');
        var link = row.querySelector('a[href]');
        if (link) {
            link.focus();
        }
        row.scrollIntoView({block: 'nearest'});
    }

    function chosenRow() {
        return chosen ? document.getElementById(chosen) : null;
    }

    function move(step) {
        var all = rows();
        if (all.length === 0) {
            return;
        }
        var index = all.indexOf(chosenRow());
        var next = index < 0 ? (step > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, index + step));
        choose(all[next]);
    }

    function open() {
        var row = chosenRow();
        var link = row && row.querySelector('a[href]');
        if (link) {
            window.location.href = link.href;
        }
    }

    function focusField(id) {
        // A textarea turned into a rich-text editor (reply-editor.js) is hidden: its editor takes the focus instead.
        var field = document.getElementById(id + '-editor') || document.getElementById(id);
        if (field) {
            field.scrollIntoView({block: 'center'});
            field.focus();
            return true;
        }
        return false;
    }

    // "Assign to me": take a ticket without operator, or transfer it to me with the page's own transfer form.
    function assignToMe() {
        var take = document.getElementById('take');
        if (take) {
            take.click();
            return;
        }
        var me = document.querySelector('meta[name="atende-operator"]');
        var select = document.getElementById('transfer-operator');
        if (!me || !select || !select.querySelector('option[value="' + me.content + '"]')) {
            return;
        }
        select.value = me.content;
        var form = select.form;
        if (form.requestSubmit) {
            form.requestSubmit();
        } else {
            form.submit();
        }
    }

    function help() {
        var dialog = document.getElementById('shortcuts');
        if (dialog && !dialog.open) {
            dialog.showModal();
        }
    }

    document.addEventListener('keydown', function (event) {
        if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || typing(event.target)) {
            return;
        }
        var dialog = document.getElementById('shortcuts');
        if (dialog && dialog.open) {
            return;
        }
        var handled = true;
        switch (event.key) {
            case 'j': move(1); break;
            case 'k': move(-1); break;
            case 'o': open(); break;
            case 'Enter':
                // Enter on a link or button is theirs; on the page itself it opens the chosen ticket.
                if (event.target === document.body && chosenRow()) {
                    open();
                } else {
                    handled = false;
                }
                break;
            case 'x': {
                var box = chosenRow() && chosenRow().querySelector('input[type=checkbox]');
                if (box) {
                    box.click();
                    chosenRow().querySelector('a[href]').focus();
                } else {
                    handled = false;
                }
                break;
            }
            case '/': handled = focusField('search'); break;
            case '?': help(); break;
            case 'r': handled = focusField('reply-message'); break;
            case 'c': handled = focusField('comment-text'); break;
            case 'a': assignToMe(); break;
            default: handled = false;
        }
        if (handled) {
            event.preventDefault();
        }
    });

    // The list is reloaded in place: the chosen ticket stays chosen when it is still there.
    document.addEventListener('htmx:afterSettle', function () {
        var row = chosenRow();
        if (row) {
            row.classList.add('chosen');
        }
    });

    document.addEventListener('click', function (event) {
        if (event.target.closest('[data-close-dialog]')) {
            event.target.closest('dialog').close();
        }
    });
})();
