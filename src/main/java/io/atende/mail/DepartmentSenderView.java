package io.atende.mail;

/** The address and name a department's ticket mail comes from, instead of the account's. */
public record DepartmentSenderView(String departmentId, String fromAddress, String fromName) {
}
