package io.atende.portal;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.customeraccess.PortalCustomer;
import io.atende.customeraccess.SignedInCustomer;
import io.atende.platform.FormSignIn;
import io.atende.platform.SecondStep;

import org.springframework.security.core.Authentication;

/**
 * The portal's part of the shared sign-in ({@link FormSignIn}): customers sign in against {@code customeraccess}
 * within the account of the form's hidden {@code account} field, and every portal request reloads the customer, so a
 * deactivated customer is signed out at once, and so is every other session of one whose password was set anew; a
 * changed name, language, organization or permission applies at once, and the page speaks the customer's language.
 */
final class CustomerSessions {

    static final String SIGN_IN = "/portal/sign-in";
    /** Where the portal's identity lives in the session; the console keeps its own under another key. */
    static final String CONTEXT_ATTRIBUTE = "ATENDE_PORTAL_SECURITY_CONTEXT";

    static final FormSignIn<PortalCustomer> FORM = new FormSignIn<>(
            new FormSignIn.Area("/portal", SIGN_IN, "/portal/tickets", CONTEXT_ATTRIBUTE), PortalCustomer.class,
            customer -> List.of("CUSTOMER"), customer -> PortalCustomer.principalName(customer.accountId(), customer.customerId()));

    private final CustomerPortalAccess access;

    CustomerSessions(CustomerPortalAccess access) {
        this.access = access;
    }

    /** What the sign-in form says besides e-mail and password: the account, and where the attempt comes from. */
    record Details(String account, String clientAddress) implements java.io.Serializable {

        static Details of(HttpServletRequest request) {
            return new Details(request.getParameter("account"), request.getRemoteAddr());
        }
    }

    FormSignIn.SignedIn<PortalCustomer> signIn(String email, String password, Authentication attempt) {
        var details = attempt.getDetails() instanceof Details given ? given : new Details(null, null);
        String accountId = details.account() != null && !details.account().isBlank() ? details.account() : null;
        var signedIn = access.signIn(accountId, email, password, details.clientAddress());
        if (signedIn.codeNeeded()) {
            throw new SecondStep.Needed(signedIn);
        }
        return FORM.signedIn(signedIn.customer(), signedIn.credentialsVersion());
    }

    /** The customer now; empty when they lost access or their password was set since this session signed in. */
    Optional<PortalCustomer> current(PortalCustomer before, int credentialsVersion, HttpServletRequest request) {
        return access.session(before.accountId(), before.customerId())
                .filter(current -> current.credentialsVersion() == credentialsVersion)
                .map(SignedInCustomer::customer);
    }

    /**
     * Signs the customer in to this session (after setting their password from a link), or keeps the session signed
     * in with the new credentials version; the customer's other sessions end.
     */
    static void signInHere(HttpServletRequest request, SignedInCustomer customer) {
        FORM.signInHere(request, customer.customer(), customer.credentialsVersion());
    }
}
