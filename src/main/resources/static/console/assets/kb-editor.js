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
        var upload = document.querySelector('.kb-image-upload[data-for="' + textarea.id + '"]');
        if (upload) {
            uploadImages(upload, quill);
        }
        var summary = document.querySelector('input[data-summary-of="' + textarea.id + '"]');
        if (summary) {
            followBody(summary, quill, textarea.form);
        }
    });

    // An image chosen is uploaded at once and inserted where the cursor was; the server checks its size and type
    // and says why it refused one. Without JavaScript the control stays hidden (an image needs the rich editor).
    function describeImage(quill, at, text) {
        quill.formatText(at, 1, 'alt', text, 'user');
        var leaf = quill.getLeaf(at + 1)[0];
        if (leaf && leaf.domNode && leaf.domNode.tagName === 'IMG' && !leaf.domNode.getAttribute('alt')) {
            leaf.domNode.setAttribute('alt', text);
        }
    }

    function uploadImages(upload, quill) {
        var input = upload.querySelector('input[type="file"]');
        var status = upload.querySelector('[role="status"]');
        upload.classList.add('ready');
        input.addEventListener('change', function () {
            var file = input.files[0];
            if (!file) {
                return;
            }
            var at = (quill.getSelection() || {index: quill.getLength()}).index;
            var data = new FormData();
            data.append('image', file);
            var headers = {};
            var token = document.querySelector('meta[name="_csrf"]');
            var header = document.querySelector('meta[name="_csrf_header"]');
            if (token && header) {
                headers[header.content] = token.content;
            }
            status.textContent = upload.getAttribute('data-uploading');
            fetch(upload.getAttribute('data-upload-url'), {method: 'POST', body: data, headers: headers, credentials: 'same-origin'})
                .then(function (response) {
                    return response.json().catch(function () { return {}; }).then(function (body) {
                        if (!response.ok || !body.url) {
                            throw new Error(body.error || upload.getAttribute('data-failed'));
                        }
                        quill.insertEmbed(at, 'image', body.url, 'user');
                        // Its file name, without the extension, is the image's text until the writer gives a better one.
                        describeImage(quill, at, file.name.replace(/\.[^.]*$/, '').replace(/[-_]+/g, ' ').trim() || file.name);
                        quill.setSelection(at + 1, 0);
                        status.textContent = upload.getAttribute('data-inserted');
                    });
                })
                .catch(function (failure) {
                    status.textContent = failure.message || upload.getAttribute('data-failed');
                })
                .finally(function () {
                    input.value = '';
                });
        });
    }

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
