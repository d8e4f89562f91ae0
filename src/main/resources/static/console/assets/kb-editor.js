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
        var summary = document.querySelector('input[data-summary-of="' + textarea.id + '"]');
        if (summary) {
            followBody(summary, quill, textarea.form);
        }
    });

    // A summary left as generated shows the start of the text as it is written; one the author typed
    // stays. Saved, a generated summary goes out empty so that the server keeps deriving it.
    function followBody(summary, quill, form) {
        var generated = summary.getAttribute('data-generated') === 'true';
        var limit = parseInt(summary.getAttribute('maxlength'), 10) || 250;
        summary.addEventListener('input', function () {
            generated = summary.value.trim() === '';
        });
        quill.on('text-change', function () {
            if (generated) {
                summary.value = startOf(quill.root.innerText, limit);
            }
        });
        form.addEventListener('submit', function (event) {
            var preview = event.submitter && event.submitter.hasAttribute('formaction');
            if (generated && !preview) {
                var shown = summary.value;
                summary.value = '';
                // The form's data is taken right after this handler; the field shows the summary again at once.
                setTimeout(function () { summary.value = shown; }, 0);
            }
        });
    }

    // As the server derives it: the plain text, cut at a word boundary with an ellipsis when too long.
    function startOf(text, limit) {
        var plain = text.replace(/\s+/g, ' ').trim();
        if (plain.length <= limit) {
            return plain;
        }
        var cut = limit - 1;
        while (cut > 0 && !/\s/.test(plain.charAt(cut))) {
            cut--;
        }
        if (cut === 0) {
            cut = limit - 1;
        }
        return plain.substring(0, cut).trimEnd() + '\u2026';
    }
});
