// Every htmx request carries the CSRF token the page was rendered with.
document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
        event.detail.headers[header.content] = token.content;
    }
});
// A read-only field holding something to copy (an invitation link) selects itself when focused.
document.addEventListener('focusin', function (event) {
    if (event.target.matches && event.target.matches('input[readonly]')) {
        event.target.select();
    }
});
// A choice that takes effect at once (the availability switch in the header) sends its form when changed.
document.addEventListener('change', function (event) {
    if (event.target.matches && event.target.matches('select[data-submit-on-change]')) {
        event.target.form.requestSubmit();
    }
});
