package io.atende.chat;

import java.util.List;

import io.atende.customer.CustomerView;

/**
 * A chat as a change left it, with its messages and the names of what it references as they were
 * then: what a Standard Webhooks delivery shows of it, kept with the event so that it is rendered
 * after the commit without reading again.
 *
 * @param customer       {@code null} if the customer no longer exists
 * @param departmentName {@code null} if the department no longer exists
 * @param operatorName   {@code null} without an operator
 */
public record ChatSnapshot(ChatView chat, List<ChatMessageView> messages, CustomerView customer, String departmentName,
                           String operatorName) {
}
