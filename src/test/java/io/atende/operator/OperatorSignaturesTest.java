package io.atende.operator;

import io.atende.platform.InvalidInputException;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Operators' signatures, stored sanitized as every HTML message, on the real database. */
@ApiTest
class OperatorSignaturesTest {

    @Autowired
    TestTenants tenants;

    @Autowired
    OperatorSignatures signatures;

    String account;
    String ana;

    @BeforeEach
    void anOperator() {
        account = tenants.create().accountId();
        ana = tenants.operator(account, OperatorRole.OPERATOR).id();
    }

    @Test
    void keepsFormattingAndStripsScriptsHandlersAndScriptLinks() {
        String stored = signatures.change(account, ana,
                "<p><strong>Ana</strong> <em>Suporte</em></p><script>steal()</script><p onclick=\"x()\"><a href=\"javascript:x()\">site</a></p>");

        assertThat(stored).contains("<strong>Ana</strong>", "<em>Suporte</em>").doesNotContain("script", "onclick", "javascript:");
        assertThat(signatures.get(account, ana)).isEqualTo(stored);
    }

    @Test
    void plainTextKeepsItsLineBreaksAndItsMarkupCharactersAsText() {
        assertThat(signatures.change(account, ana, "Ana Souza\nSuporte & Cia")).isEqualTo("Ana Souza<br>Suporte &amp; Cia");
    }

    @Test
    void anEmptySignatureRemovesItAndNoneIsEmpty() {
        assertThat(signatures.get(account, ana)).isEmpty();
        signatures.change(account, ana, "Ana");

        signatures.change(account, ana, "<p><br></p>");

        assertThat(signatures.get(account, ana)).isEmpty();
    }

    @Test
    void refusesASignatureOverTheLimitAndKeepsTheOneBefore() {
        signatures.change(account, ana, "Ana");

        assertThatThrownBy(() -> signatures.change(account, ana, "x".repeat(OperatorSignatures.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(signatures.get(account, ana)).isEqualTo("Ana");
    }

    @Test
    void eachAccountsOperatorHasTheirOwn() {
        signatures.change(account, ana, "Ana");
        String other = tenants.create().accountId();

        assertThat(signatures.get(other, ana)).isEmpty();
    }
}
