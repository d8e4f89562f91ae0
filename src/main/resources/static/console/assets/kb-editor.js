// The knowledge-base editor: turns each textarea[data-rich-text] into a Quill editor. Without
// JavaScript (or without Quill) the textarea stays and takes HTML as it is; the server sanitizes
// whatever arrives either way.
document.addEventListener('DOMContentLoaded', function () {
    if (typeof Quill === 'undefined') {
        return;
    }
    document.querySelectorAll('textarea[data-rich-text]').forEach(function (textarea) {
        // The toolbar's buttons have only icons; their names come localized from data-tool-* attributes.
        var labels = {};
        ['header', 'bold', 'italic', 'underline', 'strike', 'list', 'blockquote', 'code-block', 'link', 'clean'].forEach(function (tool) {
            labels['ql-' + tool] = textarea.getAttribute('data-tool-' + tool) || tool;
        });
        var box = document.createElement('div');
        box.className = 'rich-text';
        textarea.parentNode.insertBefore(box, textarea);
        var area = document.createElement('div');
        box.appendChild(area);
        var quill = new Quill(area, {
            theme: 'snow',
            modules: {
                toolbar: [[{header: [2, 3, false]}], ['bold', 'italic', 'underline', 'strike'],
                    [{list: 'ordered'}, {list: 'bullet'}], ['blockquote', 'code-block', 'link'], ['clean']],
                // Tab leaves the editor, as it does every other field, instead of typing a tab.
                keyboard: {bindings: {tab: {key: 9, handler: function () { return true; }}}}
            }
        });
        quill.clipboard.dangerouslyPasteHTML(textarea.value);
        var editor = quill.root;
        editor.setAttribute('role', 'textbox');
        editor.setAttribute('aria-multiline', 'true');
        editor.setAttribute('aria-labelledby', textarea.labels.length ? (textarea.labels[0].id || '') : '');
        if (textarea.getAttribute('aria-describedby')) {
            editor.setAttribute('aria-describedby', textarea.getAttribute('aria-describedby'));
        }
        if (textarea.getAttribute('aria-invalid') === 'true') {
            editor.setAttribute('aria-invalid', 'true');
        }
        box.querySelectorAll('.ql-toolbar button, .ql-toolbar .ql-picker-label').forEach(function (control) {
            var name = Array.prototype.find.call(control.classList, function (c) { return labels[c]; })
                || Array.prototype.find.call(control.parentNode.classList, function (c) { return labels[c]; });
            var value = control.getAttribute('value');
            if (name) {
                control.setAttribute('aria-label', labels[name] + (value ? ' (' + value + ')' : ''));
            }
        });
        textarea.hidden = true;
        textarea.removeAttribute('required');
        textarea.form.addEventListener('submit', function () {
            textarea.value = quill.getText().trim() === '' && !editor.querySelector('img') ? '' : editor.innerHTML;
        });
    });
});
