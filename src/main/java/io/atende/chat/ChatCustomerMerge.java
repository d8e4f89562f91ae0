package io.atende.chat;

import io.atende.customer.CustomerMergeParticipant;

import org.springframework.stereotype.Component;

/** Chats follow a merged customer to the customer it was merged into. */
@Component
class ChatCustomerMerge implements CustomerMergeParticipant {

    private final ChatRepository repository;

    ChatCustomerMerge(ChatRepository repository) {
        this.repository = repository;
    }

    @Override
    public void moveRecords(String accountId, String fromCustomerId, String intoCustomerId) {
        repository.changeCustomer(accountId, fromCustomerId, intoCustomerId);
    }
}
