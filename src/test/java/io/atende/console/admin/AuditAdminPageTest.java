package io.atende.console.admin;

import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
class AuditAdminPageTest {

    @Autowired
    TestTenants tenants;

    Tenant tenant;
    BrowserSession admin;
    TestTenants.Operator me;

    @BeforeEach
    void signIn() {
        tenant = tenants.create();
        var signedIn = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN);
        me = signedIn.operator();
        admin = signedIn.session();
    }

    @Test
    void showsWhoChangedWhatFromWhereWithFiltersAndNoSecrets() {
        admin.get("/console/admin/departments");
        admin.post("/console/admin/departments", "name", "Suporte");
        var webhook = tenant.admin().post("/webhook/new", "url", "https://93.184.215.14/hook");

        var page = admin.get("/console/admin/audit");

        assertThat(page.status()).isEqualTo(200);
        var rows = page.document().select("#audit-entries tbody tr");
        assertThat(rows.eachText()).anySatisfy(row -> assertThat(row).contains("department.created", me.name(), "Suporte"));
        assertThat(rows.eachText()).anySatisfy(row -> assertThat(row).contains("webhook.created", "93.184.215.14"));
        assertThat(rows.eachText()).anySatisfy(row -> assertThat(row).contains("sign_in.succeeded", me.name()));
        assertThat(page.body()).doesNotContain(webhook.data().get("secret").asString(), me.password());

        var filtered = admin.get("/console/admin/audit?action=department.created");
        assertThat(filtered.document().select("#audit-entries tbody tr")).hasSize(1);
        var bySubject = admin.get("/console/admin/audit?subject_id=" + webhook.id());
        assertThat(bySubject.document().select("#audit-entries tbody tr").eachText()).singleElement()
                .satisfies(row -> assertThat(row).contains("webhook.created"));
        assertThat(admin.get("/console/admin/audit?to=2000-01-01").document().select("#audit-entries tbody tr")).isEmpty();
        assertThat(admin.get("/console/admin/audit?from=2000-01-01").document().select("#audit-entries tbody tr")).isNotEmpty();
        assertThat(admin.get("/console/admin/audit?actor_id=" + me.id()).document().select("#audit-entries tbody tr").eachText())
                .isNotEmpty().allSatisfy(row -> assertThat(row).contains(me.name()));
    }

    @Test
    void aBadDayIsRefusedInPlace() {
        var refused = admin.get("/console/admin/audit?from=yesterday");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("[role=alert]")).contains("from");
    }

    @Test
    void operatorsAndOtherAccountsAreKeptOut() {
        var operator = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        assertThat(operator.get("/console/admin/audit").status()).isEqualTo(403);

        var other = tenants.create();
        var otherAdmin = tenants.signedIn(other.accountId(), OperatorRole.ADMIN).session();
        assertThat(otherAdmin.get("/console/admin/audit").body()).doesNotContain(me.id());
    }
}
