// Administration › Customer portal: the widget's embed code follows the chosen department, and the
// copy button puts it on the clipboard (selecting it for Ctrl+C where the clipboard API is refused,
// as on plain-http addresses).
document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('select[data-snippet-for]').forEach(function (select) {
        var target = document.getElementById(select.dataset.snippetFor);
        select.addEventListener('change', function () {
            target.value = select.options[select.selectedIndex].dataset.snippet;
        });
        // The button only serves pages without JavaScript.
        var show = select.form.querySelector('button[type="submit"]');
        if (show) {
            show.remove();
        }
    });
    document.querySelectorAll('button[data-copies]').forEach(function (button) {
        var source = document.getElementById(button.dataset.copies);
        var status = document.getElementById(button.dataset.copies + '-status');
        function copied() {
            if (status) {
                status.textContent = button.dataset.copied;
            }
        }
        button.addEventListener('click', function () {
            source.focus();
            source.select();
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(source.value).then(copied, function () {
                    if (document.execCommand('copy')) {
                        copied();
                    }
                });
            } else if (document.execCommand('copy')) {
                copied();
            }
        });
    });
});
