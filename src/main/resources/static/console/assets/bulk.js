// The queue's bulk action (docs/console.md, Bulk actions): a "select all" box, the count of selected tickets, the
// form shown once a ticket is ticked, only the value fields of the chosen action, and the selection kept across the
// list's reloads. Without scripts the form and every field show and the boxes still belong to the form.
(function () {
    var picked = new Set();

    function boxes() {
        return Array.prototype.slice.call(document.querySelectorAll('#results input[name="ticket_id"]'));
    }

    function refresh() {
        boxes().forEach(function (box) {
            box.checked = picked.has(box.value);
        });
        var all = document.getElementById('select-all');
        if (all) {
            all.hidden = false;
            var shown = boxes();
            all.checked = shown.length > 0 && shown.every(function (box) { return box.checked; });
        }
        var count = document.getElementById('bulk-count');
        if (count) {
            count.textContent = picked.size === 0 ? '' : count.dataset.template.replace('{0}', picked.size);
        }
        // The form takes no room until a ticket is ticked; then it stays at the bottom of the window, over the list,
        // so that the box just ticked does not move. A refused request keeps it where it is, with its message.
        var form = document.getElementById('bulk');
        if (form) {
            var refused = document.getElementById('bulk-error') !== null;
            form.hidden = picked.size === 0 && !refused;
            form.classList.toggle('floating', picked.size > 0 && !refused);
            document.body.classList.toggle('bulk-picking', picked.size > 0 && !refused);
        }
    }

    function showFields() {
        var action = document.getElementById('bulk-action');
        if (!action) {
            return;
        }
        document.querySelectorAll('[data-bulk-for]').forEach(function (field) {
            field.hidden = field.dataset.bulkFor !== action.value;
        });
    }

    document.addEventListener('change', function (event) {
        var target = event.target;
        if (target.name === 'ticket_id' && target.closest('#results')) {
            if (target.checked) {
                picked.add(target.value);
            } else {
                picked.delete(target.value);
            }
            refresh();
        } else if (target.id === 'select-all') {
            boxes().forEach(function (box) {
                if (target.checked) {
                    picked.add(box.value);
                } else {
                    picked.delete(box.value);
                }
            });
            refresh();
        } else if (target.id === 'bulk-action') {
            showFields();
        }
    });

    // Tickets picked before the list reloaded, and no longer shown in it, still go with the form.
    document.addEventListener('submit', function (event) {
        if (event.target.id !== 'bulk') {
            return;
        }
        var shown = new Set(boxes().map(function (box) { return box.value; }));
        picked.forEach(function (id) {
            if (!shown.has(id)) {
                var hidden = document.createElement('input');
                hidden.type = 'hidden';
                hidden.name = 'ticket_id';
                hidden.value = id;
                event.target.appendChild(hidden);
            }
        });
    });

    document.addEventListener('htmx:afterSettle', refresh);

    document.addEventListener('DOMContentLoaded', function () {
        boxes().forEach(function (box) {
            if (box.checked) {
                picked.add(box.value);
            }
        });
        refresh();
        showFields();
    });
})();
