package io.atende.chat;

import java.util.List;

import io.atende.attachment.AttachmentManagement;
import io.atende.customer.CustomerErasure;
import io.atende.customer.CustomerErasureParticipant;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Erases what the customer's chats say: every message body becomes the neutral text (operators quote the customer),
 * the customer's name as sender too, files and the evaluation comment go. Times, operators and report facts stay.
 */
@Component
@Order(CustomerErasureParticipant.RECORD_OWNERS)
class ChatCustomerErasure implements CustomerErasureParticipant {

    private final JdbcClient jdbc;
    private final AttachmentManagement attachments;

    ChatCustomerErasure(JdbcClient jdbc, AttachmentManagement attachments) {
        this.jdbc = jdbc;
        this.attachments = attachments;
    }

    @Override
    public void erase(CustomerErasure erasure) {
        String account = erasure.accountId();
        List<String> ids = jdbc.sql("select id from chat where account_id = :account and customer_id = :customer order by id")
                .param("account", account).param("customer", erasure.customerId()).query(String.class).list();
        for (int from = 0; from < ids.size(); from += 500) {
            var batch = ids.subList(from, Math.min(ids.size(), from + 500));
            var messageIds = jdbc.sql("select id from chat_message where account_id = :account and chat_id in (:ids)")
                    .param("account", account).param("ids", batch).query(String.class).list();
            attachments.deleteOwners(account, ChatManagement.ATTACHMENT_OWNER, messageIds);
            jdbc.sql("""
                    update chat_message set body = :neutral, mimetype = 'text/plain',
                           sender_name = case when sender_type = :customer then :neutral else sender_name end
                     where account_id = :account and chat_id in (:ids)""")
                    .param("neutral", CustomerErasure.NEUTRAL_TEXT).param("customer", StoredChatCodes.sender(SenderType.CUSTOMER))
                    .param("account", account).param("ids", batch).update();
            jdbc.sql("update chat set evaluation_comment = null where account_id = :account and id in (:ids)")
                    .param("account", account).param("ids", batch).update();
        }
        erasure.erased(ids);
    }
}
