package io.atende.console;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import io.atende.account.AccountManagement;
import io.atende.operator.OperatorSignIn;
import io.atende.operator.PasswordSignInOffException;
import io.atende.operator.SignedInOperator;
import io.atende.operator.SecondFactor;
import io.atende.platform.FormSignIn;
import io.atende.platform.SecondStep;
import io.atende.platform.NotFoundException;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The console's part of the shared sign-in ({@link FormSignIn}): operators sign in against the operator module, and
 * every console request reloads the operator, so a deactivated or deleted operator is signed out at once, and so is
 * every other session of one whose password changed; a changed role or name applies at once, and the page speaks the
 * operator's language (theirs, else the account's). Two primary-key reads per request, the operator and the account;
 * the account is kept in the request for the layout ({@link ConsolePages}), which would otherwise read it again for
 * the account's name and colours. An operator who uses a second factor is not signed in by the password alone: the
 * sign-in becomes a {@link PendingSignIn} that the code page completes.
 */
final class OperatorSessions {

    static final String SIGN_IN = "/console/sign-in";
    /** Where the console's identity lives in the session; the portal keeps its own under another key. */
    static final String CONTEXT_ATTRIBUTE = "ATENDE_CONSOLE_SECURITY_CONTEXT";
    static final String ACCOUNT_ATTRIBUTE = OperatorSessions.class.getName() + ".account";

    static final FormSignIn<ConsoleOperator> FORM = new FormSignIn<>(
            new FormSignIn.Area("/console", SIGN_IN, "/console", CONTEXT_ATTRIBUTE), ConsoleOperator.class,
            OperatorSessions::roles, ConsoleOperator::principalName);

    /**
     * Every operator holds {@code OPERATOR}, and one authority per {@link io.atende.operator.Permission} they hold,
     * which the console's request rules ({@link ConsoleSecurityConfiguration}) ask for.
     */
    private static List<String> roles(ConsoleOperator operator) {
        var roles = new java.util.ArrayList<String>();
        roles.add("OPERATOR");
        operator.permissions().forEach(permission -> roles.add(permission.name()));
        return roles;
    }

    private final OperatorSignIn signIn;
    private final AccountManagement accounts;

    OperatorSessions(OperatorSignIn signIn, AccountManagement accounts) {
        this.signIn = signIn;
        this.accounts = accounts;
    }

    FormSignIn.SignedIn<ConsoleOperator> signIn(String email, String password, Authentication attempt) {
        String clientAddress = attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        SignedInOperator signedIn;
        try {
            signedIn = signIn.signIn(email, password, clientAddress);
        } catch (PasswordSignInOffException off) {
            throw new ConsoleSingleSignOn.PasswordSignInOff(off.accountId());
        }
        if (signedIn.secondFactor() != SecondFactor.NONE) {
            throw new SecondStep.Needed(signedIn);
        }
        // The account's language is filled in when the first request reloads the operator.
        return FORM.signedIn(ConsoleOperator.of(signedIn.accountId(), signedIn.operator(), null), signedIn.credentialsVersion());
    }

    /**
     * The operator now; empty when deleted, deactivated or their password changed since this session signed in, and
     * when their account requires a second factor they do not use (required since, or reset by an admin): they sign
     * in again and enrol.
     */
    Optional<ConsoleOperator> current(ConsoleOperator before, int credentialsVersion, HttpServletRequest request) {
        try {
            var signedIn = signIn.current(before.accountId(), before.operatorId()).orElse(null);
            if (signedIn == null || !signedIn.operator().active() || signedIn.credentialsVersion() != credentialsVersion
                    || signedIn.secondFactor() == SecondFactor.ENROLMENT) {
                return Optional.empty();
            }
            var account = accounts.get(before.accountId());
            request.setAttribute(ACCOUNT_ATTRIBUTE, account);
            return Optional.of(ConsoleOperator.of(before.accountId(), signedIn.operator(), account.consoleLanguage()));
        } catch (NotFoundException deleted) {
            return Optional.empty();
        }
    }
}
