package io.atende.console;

import java.io.Serializable;
import java.util.Locale;

import io.atende.operator.OperatorRole;
import io.atende.operator.OperatorView;
import io.atende.platform.RequestLocales;

/**
 * The operator signed in to the console, as kept in their session. Controllers receive it with
 * {@code @AuthenticationPrincipal ConsoleOperator me}; every query they make is scoped to
 * {@link #accountId()}. It is refreshed from the database on each request, so a change of role,
 * name or language applies at once and a deactivated operator is signed out.
 */
public record ConsoleOperator(String accountId, String operatorId, String name, String email, boolean admin,
                              String language) implements Serializable {

    static ConsoleOperator of(String accountId, OperatorView operator) {
        return new ConsoleOperator(accountId, operator.id(), operator.name(), operator.email(),
                operator.role() == OperatorRole.ADMIN, operator.language());
    }

    /** The console's language for this operator: their choice, else Brazilian Portuguese. */
    public Locale locale() {
        return RequestLocales.forTag(language);
    }

    /** The language tag of {@link #locale()}, for the page's {@code lang} attribute. */
    public String languageTag() {
        return locale().toLanguageTag();
    }

    /** Spring Session indexes sessions by this name, so an operator's sessions can be found. */
    String principalName() {
        return "operator:" + accountId + ":" + operatorId;
    }
}
