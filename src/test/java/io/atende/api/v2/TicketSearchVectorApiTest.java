package io.atende.api.v2;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import io.atende.support.ApiTest;
import io.atende.support.Databases;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How PostgreSQL keeps a ticket's search vector (V87): in the ticket's row, without word positions, so that checking
 * a ticket against a search reads no TOAST table (H2 searches the text and has no vector).
 */
@ApiTest
class TicketSearchVectorApiTest {

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void onPostgreSql() throws Exception {
        Databases.assumePostgreSql(dataSource, "the search vector");
    }

    @Test
    void keepsTheVectorOfALongTicketInItsRowWithoutPositions() {
        var fx = new TicketFixture(tenants.create());
        // 400 distinct words: a vector of several kilobytes, which V80 pushed out of line
        String words = IntStream.range(0, 400).mapToObj(i -> "palavra" + i).collect(Collectors.joining(" "));
        String ticket = fx.openTicket("message", words);
        ok(fx.tenant.writer().post("/ticket/reply/customer", "ticket_id", ticket, "message", "palavra0 resposta"));

        String vector = jdbc.sql("select search_vector::text from ticket where account_id = :account and id = :id")
                .param("account", fx.tenant.accountId()).param("id", ticket).query(String.class).single();
        assertThat(vector).contains("'palavra399'", "'resposta'").doesNotContain("':");
        var storage = jdbc.sql("""
                        select attstorage::text || attcompression::text from pg_attribute
                        where attrelid = 'ticket'::regclass and attname = 'search_vector'""")
                .query(String.class).single();
        assertThat(storage).as("MAIN storage, pglz compression").isEqualTo("mp");
        assertThat(fx.listedProtocols("search", "palavra399 resposta")).containsExactly(1L);
    }

    @Test
    void keepsTenTimesTheDefaultStatisticsOfTheVectorForThePlannersEstimates() {
        var target = jdbc.sql("select attstattarget from pg_attribute where attrelid = 'ticket'::regclass and attname = 'search_vector'")
                .query(Integer.class).single();
        assertThat(target).as("V89").isEqualTo(1000);
    }
}
