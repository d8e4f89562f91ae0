// Triggers and automations. Everything here also works by submitting the forms; the script only saves round trips.
// Editor: "Add" appends a row from its <template>, "Remove" drops the row, and changing a row's field or action type
// swaps in the operator and value inputs that fit it (the same markup the server renders).
// List: a row dragged by its handle (mouse, pen or touch) is moved among the rows and the new order is sent at once.
document.addEventListener('DOMContentLoaded', function () {
    function copy(id) {
        var template = document.getElementById(id);
        return template ? template.content.cloneNode(true) : null;
    }

    document.addEventListener('click', function (event) {
        var add = event.target.closest('button[data-add-row]');
        if (add) {
            event.preventDefault();
            var kind = add.dataset.addRow;
            var list = document.getElementById(kind === 'condition' ? 'conditions' : 'actions');
            var row = copy(kind + '-row');
            if (!row || !list) {
                return;
            }
            list.appendChild(row);
            var added = list.lastElementChild;
            var first = added && added.querySelector('select, input, textarea');
            if (first) {
                first.focus();
            }
            return;
        }
        var remove = event.target.closest('button.remove-row');
        if (remove) {
            event.preventDefault();
            var item = remove.closest('li.rule-row');
            var fieldset = item.closest('fieldset');
            item.remove();
            var next = fieldset && fieldset.querySelector('button[data-add-row]');
            if (next) {
                next.focus();
            }
        }
    });

    document.addEventListener('change', function (event) {
        var chooser = event.target;
        if (!chooser.matches || !chooser.matches('select[data-switch]')) {
            return;
        }
        var body = chooser.closest('li.rule-row').querySelector('.rule-row-body');
        var values = copy(chooser.dataset.switch + '-body-' + chooser.value);
        if (body && values) {
            body.replaceChildren(values);
        }
    });

    var rows = document.querySelector('tbody[data-sortable]');
    if (!rows) {
        return;
    }
    var dragged = null;
    var before = '';

    function order() {
        return Array.prototype.map.call(rows.querySelectorAll('input[name="order"]'), function (input) {
            return input.value;
        }).join(',');
    }

    rows.addEventListener('pointerdown', function (event) {
        var handle = event.target.closest('.drag-handle');
        if (!handle || event.button !== 0) {
            return;
        }
        event.preventDefault();
        dragged = handle.closest('tr');
        before = order();
        dragged.classList.add('dragging');
        handle.setPointerCapture(event.pointerId);
    });

    rows.addEventListener('pointermove', function (event) {
        if (!dragged) {
            return;
        }
        var others = Array.prototype.filter.call(rows.children, function (row) {
            return row !== dragged;
        });
        var target = null;
        for (var i = 0; i < others.length; i++) {
            var box = others[i].getBoundingClientRect();
            if (event.clientY < box.top + box.height / 2) {
                target = others[i];
                break;
            }
        }
        if (target) {
            rows.insertBefore(dragged, target);
        } else {
            rows.appendChild(dragged);
        }
    });

    function drop() {
        if (!dragged) {
            return;
        }
        dragged.classList.remove('dragging');
        dragged = null;
        Array.prototype.forEach.call(rows.querySelectorAll('.position'), function (cell, index) {
            cell.textContent = String(index + 1);
        });
        if (order() !== before) {
            document.getElementById('rule-order').submit();
        }
    }

    rows.addEventListener('pointerup', drop);
    rows.addEventListener('pointercancel', drop);
});
