package io.atende.ticket;

import java.util.List;

import javax.sql.DataSource;

import io.atende.support.ApiTest;
import io.atende.support.Databases;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The account's word list on PostgreSQL (H2 searches the text itself and keeps none). */
@ApiTest
class TicketWordsTest {

    @Autowired
    TestTenants tenants;

    @Autowired
    TicketWords words;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DataSource dataSource;

    String account;

    @BeforeEach
    void onPostgreSql() throws Exception {
        Databases.assumePostgreSql(dataSource, "the word list");
        account = tenants.create().accountId();
    }

    @Test
    void recordsWordsAgainThatARolledBackTransactionHadRecorded() {
        var transaction = new TransactionTemplate(transactions);
        transaction.executeWithoutResult(status -> {
            words.record(account, List.of("roteador", "rede"));
            status.setRollbackOnly();
        });
        assertThat(words.startingWith(account, "r", 10)).contains(List.of());

        transaction.executeWithoutResult(status -> words.record(account, List.of("roteador")));

        assertThat(words.startingWith(account, "r", 10)).contains(List.of("roteador"));
    }

    @Test
    void leavesOutTheWordsCommittedBeforeAndNamesEveryOtherWordOnce() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> words.record(account, List.of("roteador")));

        assertThat(words.unseen(account, List.of("rede", "roteador", "rede", "modem"))).containsExactly("rede", "modem");
    }

    @Test
    void answersEachWordOnceInOrderAndNothingBeyondTheLimit() {
        words.record(account, List.of("rede", "roteador", "rack"));
        words.record(account, List.of("rede", "impressora"));

        assertThat(words.startingWith(account, "r", 3)).contains(List.of("rack", "rede", "roteador"));
        assertThat(words.startingWith(account, "r", 2)).isEmpty();
        assertThat(words.startingWith(account, "re", 2)).contains(List.of("rede"));
        assertThat(words.startingWith(account, "redes", 2)).contains(List.of());
        assertThat(words.startingWith(tenants.create().accountId(), "r", 3)).contains(List.of());
    }
}
