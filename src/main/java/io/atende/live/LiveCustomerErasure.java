package io.atende.live;

import java.util.List;

import io.atende.customer.CustomerErasure;
import io.atende.customer.CustomerErasureParticipant;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Forgets the live log's rows about the erased customer's tickets and chats: they carry subjects and names for a few
 * minutes, and an erasure leaves no such trace even that long.
 */
@Component
@Order(CustomerErasureParticipant.TRACES)
class LiveCustomerErasure implements CustomerErasureParticipant {

    private final JdbcClient jdbc;

    LiveCustomerErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void erase(CustomerErasure erasure) {
        List<String> ids = List.copyOf(erasure.erasedRecordIds());
        for (int from = 0; from < ids.size(); from += 500) {
            jdbc.sql("delete from live_event where account_id = :account and subject_id in (:ids)")
                    .param("account", erasure.accountId()).param("ids", ids.subList(from, Math.min(ids.size(), from + 500))).update();
        }
    }
}
