package io.atende.operator;

import java.time.Instant;

/**
 * An operator asked for a link to choose a new console password: {@code link} works once, until {@code expiresAt}.
 * Published inside the requesting transaction for the mail module to send; the link is a secret, so this is
 * deliberately not a webhook-visible domain event.
 *
 * @param language the operator's console language tag, or {@code null} for the account's
 */
public record OperatorPasswordResetRequested(String accountId, String operatorId, String email, String operatorName,
                                             String language, String link, Instant expiresAt) {

    @Override
    public String toString() {
        return "OperatorPasswordResetRequested[accountId=" + accountId + ", operatorId=" + operatorId + ", link=***]";
    }
}
