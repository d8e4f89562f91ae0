package io.atende.mail;

import io.atende.support.TestTenants;

/**
 * One test's help desk: an account with a department, an operator in it and a customer, all with
 * addresses in a domain of the test's own, so that its messages are told apart from other tests'.
 */
record MailFixture(TestTenants.Tenant tenant, String domain, String departmentId, String operatorId, String operatorEmail,
                   String customerId, String customerEmail) {

    static MailFixture create(TestTenants tenants, String customerLanguage) {
        var tenant = tenants.create();
        String domain = "t" + System.nanoTime() + ".test";
        String departmentId = tenant.admin().post("/department/new", "name", "Suporte").id();
        String operatorEmail = "ana@" + domain;
        String operatorId = tenant.admin().post("/operator/new", "name", "Ana Souza", "email", operatorEmail, "password", "s3cret-pass-1").id();
        tenant.admin().post("/department/operator/add", "department_id", departmentId, "operator_id", operatorId);
        String customerEmail = "maria@" + domain;
        String customerId = tenant.writer().post("/customer/new", "customer_id", "CRM-" + System.nanoTime(), "name", "Maria Lima",
                "email", customerEmail, "language", customerLanguage).id();
        return new MailFixture(tenant, domain, departmentId, operatorId, operatorEmail, customerId, customerEmail);
    }

    String accountId() {
        return tenant.accountId();
    }

    /** Opens a ticket through the API for the customer; answers its id. */
    String openTicket(String subject, String message) {
        var response = tenant.writer().post("/ticket/new", "customer_id", customerId, "customer_id_type", "I",
                "department_id", departmentId, "subject", subject, "message", message);
        if (response.status() != 200) {
            throw new AssertionError(response.toString());
        }
        return response.json().get("ticket_id").asString();
    }
}
