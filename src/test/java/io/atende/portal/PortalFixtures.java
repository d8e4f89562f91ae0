package io.atende.portal;

import java.net.URI;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;

/**
 * Customers with portal access for page tests: created through the API, invited through the
 * portal's front door, and signed in through the real pages (the link, the password form, the
 * sign-in form).
 */
final class PortalFixtures {

    static final String PASSWORD = "customer-pass-1";

    private final TestTenants tenants;
    private final CustomerPortalAccess access;

    PortalFixtures(TestTenants tenants, CustomerPortalAccess access) {
        this.tenants = tenants;
        this.access = access;
    }

    /** A new customer of the tenant through the API; answers its id. {@code extra} are more name, value pairs. */
    String customer(TestTenants.Tenant tenant, String name, String email, String... extra) {
        if (!java.util.Arrays.asList(extra).contains("language")) {
            // The portal speaks the customer's language; tests assert English texts.
            extra = java.util.stream.Stream.concat(java.util.Arrays.stream(extra), java.util.stream.Stream.of("language", "en"))
                    .toArray(String[]::new);
        }
        String[] params = new String[6 + extra.length];
        params[0] = "customer_id";
        params[1] = "C-" + System.nanoTime();
        params[2] = "name";
        params[3] = name;
        params[4] = "email";
        params[5] = email;
        System.arraycopy(extra, 0, params, 6, extra.length);
        var created = tenant.writer().post("/customer/new", params);
        if (created.status() != 200) {
            throw new IllegalStateException(created.toString());
        }
        return created.id();
    }

    /** A browser session of the customer, invited, with a password chosen through the link, and signed in. */
    BrowserSession signedIn(String accountId, String customerId, String email) {
        var browser = new BrowserSession(tenants.port());
        choosePassword(browser, access.invite(accountId, customerId).url(), PASSWORD);
        signIn(browser, accountId, email, PASSWORD);
        return browser;
    }

    /** Opens the link and saves the password through the form. */
    static BrowserSession.Page choosePassword(BrowserSession browser, String link, String password) {
        var uri = URI.create(link);
        var opened = browser.get(uri.getRawPath() + "?" + uri.getRawQuery());
        // A valid link moves its token into the session and shows the form at an address without it.
        var form = opened.status() == 302 ? browser.get(opened.redirectPath()) : opened;
        if (form.status() != 200) {
            throw new IllegalStateException("password page: " + form.status());
        }
        return browser.post("/portal/password", "account", form.document().selectFirst("input[name=account]").val(),
                "token", form.document().selectFirst("input[name=token]").val(), "password", password, "password_again", password);
    }

    static BrowserSession.Page signIn(BrowserSession browser, String accountId, String email, String password) {
        browser.get("/portal/sign-in?account=" + accountId);
        var answer = browser.post("/portal/sign-in", "account", accountId, "email", email, "password", password);
        if (answer.status() != 302 || !answer.redirectPath().startsWith("/portal/tickets")) {
            throw new IllegalStateException("sign-in failed: " + answer.status() + " " + answer.location());
        }
        browser.get("/portal/tickets");
        return answer;
    }
}
