package io.atende.console;

import java.io.Serializable;
import java.util.Locale;

import io.atende.operator.OperatorRole;
import io.atende.operator.OperatorView;
import io.atende.platform.ActingPrincipal;
import io.atende.platform.Actor;
import io.atende.platform.RequestLocales;

/**
 * The operator signed in to the console, as kept in their session. Controllers receive it with
 * {@code @AuthenticationPrincipal ConsoleOperator me}; every query they make is scoped to
 * {@link #accountId()}. It is refreshed from the database on each request, so a change of role,
 * name or language applies at once and a deactivated operator is signed out.
 *
 * @param language        the operator's own choice, or {@code null}
 * @param accountLanguage the account's console language for operators who chose none
 */
public record ConsoleOperator(String accountId, String operatorId, String name, String email, OperatorRole role,
                              String language, String accountLanguage) implements Serializable, ActingPrincipal {

    static ConsoleOperator of(String accountId, OperatorView operator, String accountLanguage) {
        return new ConsoleOperator(accountId, operator.id(), operator.name(), operator.email(),
                operator.role(), operator.language(), accountLanguage);
    }

    /** Whether this operator administers the account. */
    public boolean admin() {
        return role != null && role.administers();
    }

    /** Whether this operator reads the reports (supervisors and admins). */
    public boolean readsReports() {
        return role != null && role.readsReports();
    }

    /** Whether this operator sees every department's tickets and chats, not only their own departments'. */
    public boolean seesAllDepartments() {
        return role != null && role.seesAllDepartments();
    }

    /** The console's language for this operator: their choice, else the account's, else Brazilian Portuguese. */
    public Locale locale() {
        return RequestLocales.forTag(language != null ? language : accountLanguage);
    }

    /** The language tag of {@link #locale()}, for the page's {@code lang} attribute. */
    public String languageTag() {
        return locale().toLanguageTag();
    }

    /** The changes this operator makes in the console are theirs. */
    @Override
    public Actor actor() {
        return Actor.operator(operatorId, name);
    }

    /** Spring Session indexes sessions by this name, so an operator's sessions can be found. */
    String principalName() {
        return "operator:" + accountId + ":" + operatorId;
    }
}
