// Account settings: the colour picker and the #rrggbb field stay in step; the field's input event
// makes htmx fetch the live preview.
document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('input[type="color"][data-copies-to]').forEach(function (picker) {
        var field = document.getElementById(picker.dataset.copiesTo);
        picker.addEventListener('input', function () {
            field.value = picker.value;
            field.dispatchEvent(new Event('input', {bubbles: true}));
        });
        field.addEventListener('input', function () {
            if (/^#[0-9a-fA-F]{6}$/.test(field.value)) {
                picker.value = field.value.toLowerCase();
            }
        });
    });
});
