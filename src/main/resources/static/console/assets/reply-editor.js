// The reply box of the ticket page and the signature on the profile: each textarea[data-reply-editor] becomes a small
// Quill editor (bold, italic, lists, quote, link). Without JavaScript, or without Quill, the textarea stays and takes
// plain text or HTML; the server sanitizes whatever arrives either way.
//  - data-paste-images: images pasted or dropped into the editor travel as files of the reply (a hidden file input
//    named "attachment") and the HTML names each as cid:<its file name>, where the page shows it once sent.
//  - data-draft-url: what is typed is saved there as the operator's draft a second after the last change.
(function () {
    var counter = 0;

    function csrf() {
        var token = document.querySelector('meta[name="_csrf"]');
        var header = document.querySelector('meta[name="_csrf_header"]');
        var headers = {};
        if (token && header) {
            headers[header.content] = token.content;
        }
        return headers;
    }

    function init(textarea) {
        if (typeof Quill === 'undefined' || textarea.dataset.ready) {
            return;
        }
        textarea.dataset.ready = 'true';
        var form = textarea.form;
        var box = document.createElement('div');
        box.className = 'rich-text reply-editor';
        textarea.parentNode.insertBefore(box, textarea);
        var area = document.createElement('div');
        box.appendChild(area);
        var quill = new Quill(area, {
            theme: 'snow',
            modules: {
                toolbar: [['bold', 'italic'], [{list: 'ordered'}, {list: 'bullet'}], ['blockquote', 'link'], ['clean']],
                // Tab leaves the editor, as it does every other field, instead of typing a tab.
                keyboard: {bindings: {tab: {key: 9, handler: function () { return true; }}}}
            }
        });
        if (textarea.value.indexOf('<') >= 0) {
            quill.clipboard.dangerouslyPasteHTML(textarea.value);
        } else if (textarea.value) {
            quill.setText(textarea.value);
        }
        var editor = quill.root;
        editor.id = textarea.id + '-editor';
        editor.setAttribute('role', 'textbox');
        editor.setAttribute('aria-multiline', 'true');
        if (textarea.labels && textarea.labels.length) {
            editor.setAttribute('aria-label', textarea.labels[0].textContent.trim());
            textarea.labels[0].htmlFor = editor.id;
        }
        if (textarea.getAttribute('aria-invalid') === 'true') {
            editor.setAttribute('aria-invalid', 'true');
        }
        box.querySelectorAll('.ql-toolbar button').forEach(function (control) {
            var tool = Array.prototype.find.call(control.classList, function (c) { return c.indexOf('ql-') === 0; });
            var name = tool && textarea.getAttribute('data-tool-' + tool.substring(3) + (control.value ? '-' + control.value : ''));
            if (name) {
                control.setAttribute('aria-label', name);
                control.title = name;
            }
        });
        textarea.hidden = true;
        textarea.removeAttribute('required');

        // Pasted images: their data addresses (as the editor shows them) to their file names, and the files.
        var pasted = {};
        var files = [];
        var fileInput = null;
        var max = Number(textarea.dataset.maxBytes) || 0;
        var alert = document.getElementById(textarea.dataset.pasteAlert || '');
        if (textarea.dataset.pasteImages !== undefined && typeof DataTransfer !== 'undefined') {
            fileInput = document.createElement('input');
            fileInput.type = 'file';
            fileInput.name = 'attachment';
            fileInput.multiple = true;
            fileInput.hidden = true;
            fileInput.className = 'pasted-images';
            fileInput.tabIndex = -1;
            form.appendChild(fileInput);
        }

        function shownImages() {
            var names = {};
            editor.querySelectorAll('img').forEach(function (img) {
                var name = pasted[img.getAttribute('src')];
                if (name) {
                    names[name] = true;
                }
            });
            return names;
        }

        // The reply's HTML; a draft leaves pasted images out (their files live only in this page).
        function serialize(forReply) {
            if (quill.getText().trim() === '' && !editor.querySelector('img')) {
                return '';
            }
            var copy = editor.cloneNode(true);
            copy.querySelectorAll('img').forEach(function (img) {
                var name = pasted[img.getAttribute('src')];
                if (name && forReply) {
                    img.setAttribute('src', 'cid:' + name);
                } else if (name) {
                    img.remove();
                }
            });
            return copy.innerHTML;
        }

        function sync() {
            textarea.value = serialize(true);
            if (fileInput) {
                var present = shownImages();
                var transfer = new DataTransfer();
                files.forEach(function (file) {
                    if (present[file.name]) {
                        transfer.items.add(file);
                    }
                });
                fileInput.files = transfer.files;
            }
        }

        function bytesAttached() {
            var total = 0;
            form.querySelectorAll('input[type=file]').forEach(function (input) {
                Array.prototype.forEach.call(input.files || [], function (file) { total += file.size; });
            });
            return total;
        }

        function say(text) {
            if (alert) {
                alert.textContent = text || '';
                alert.hidden = !text;
            }
        }

        function add(file) {
            if (max && bytesAttached() + file.size > max) {
                say(textarea.dataset.tooLarge);
                return;
            }
            say('');
            var extension = (file.type.split('/')[1] || 'png').replace(/[^a-z0-9]/gi, '').substring(0, 8) || 'png';
            var name = 'pasted-' + Date.now().toString(36) + '-' + (++counter) + '.' + extension;
            var named = new File([file], name, {type: file.type});
            files.push(named);
            var reader = new FileReader();
            reader.onload = function () {
                pasted[reader.result] = name;
                var range = quill.getSelection(true);
                var at = range ? range.index : quill.getLength() - 1;
                quill.insertEmbed(at, 'image', reader.result, 'user');
                // The image's text (for screen readers, and the link text where the image cannot be shown) is its name.
                quill.formatText(at, 1, 'alt', name, 'user');
                var leaf = quill.getLeaf(at + 1)[0];
                if (leaf && leaf.domNode && leaf.domNode.tagName === 'IMG' && !leaf.domNode.getAttribute('alt')) {
                    leaf.domNode.setAttribute('alt', name);
                }
                quill.setSelection((range ? range.index : quill.getLength() - 1) + 1, 0, 'silent');
                sync();
            };
            reader.readAsDataURL(named);
        }

        function take(list, event) {
            var images = Array.prototype.filter.call(list || [], function (file) { return /^image\//.test(file.type); });
            if (!fileInput || images.length === 0) {
                return;
            }
            event.preventDefault();
            event.stopImmediatePropagation();
            images.forEach(add);
        }

        editor.addEventListener('paste', function (event) {
            take(event.clipboardData && event.clipboardData.files, event);
        }, true);
        editor.addEventListener('drop', function (event) {
            take(event.dataTransfer && event.dataTransfer.files, event);
        }, true);

        // The draft: saved a second after the last change; a request of another form saves it at once first, and
        // sending or discarding the reply cancels what is pending (the server forgets the draft then).
        var draftUrl = textarea.dataset.draftUrl;
        var status = document.getElementById(textarea.dataset.draftStatus || '');
        var timer = null;

        function save() {
            timer = null;
            fetch(draftUrl, {
                method: 'POST', credentials: 'same-origin', headers: csrf(),
                body: new URLSearchParams({message: serialize(false)})
            }).then(function (answer) {
                return answer.ok ? answer.text() : Promise.reject(answer.status);
            }).then(function (text) {
                if (status) {
                    status.textContent = text;
                }
            }).catch(function () {
                if (status) {
                    status.textContent = textarea.dataset.draftFailed || '';
                }
            });
        }

        quill.on('text-change', function () {
            sync();
            if (draftUrl) {
                clearTimeout(timer);
                timer = setTimeout(save, 1000);
            }
        });
        if (draftUrl) {
            document.addEventListener('htmx:beforeRequest', function (event) {
                if (timer === null) {
                    return;
                }
                clearTimeout(timer);
                if (!form.contains(event.detail.elt)) {
                    save();
                } else {
                    timer = null;
                }
            });
        }
    }

    function initAll() {
        document.querySelectorAll('textarea[data-reply-editor]').forEach(init);
    }

    document.addEventListener('DOMContentLoaded', initAll);
    // After an action the workspace comes back from the server with a new reply box.
    document.addEventListener('htmx:afterSettle', initAll);
})();
