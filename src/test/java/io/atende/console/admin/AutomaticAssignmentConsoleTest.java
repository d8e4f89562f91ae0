package io.atende.console.admin;

import io.atende.department.AssignmentMode;
import io.atende.department.DepartmentManagement;
import io.atende.operator.Availability;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.SignedIn;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's side of automatic assignment: the availability switch in the header and the department's form. */
@ApiTest
class AutomaticAssignmentConsoleTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    OperatorManagement operators;
    @Autowired
    DepartmentManagement departments;

    Tenant tenant;
    SignedIn admin;

    @BeforeEach
    void signIn() {
        tenant = tenants.create();
        admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN);
    }

    @Test
    void theHeaderSwitchSetsTheOperatorsAvailabilityAndGoesBackToThePage() {
        var page = admin.session().get("/console/tickets");
        assertThat(page.document().select("#availability-choice option[selected]").attr("value")).isEqualTo("OFFLINE");

        var switched = admin.session().post("/console/availability", "availability", "ONLINE");
        // Without a Referer of the console, back to its start page.
        assertThat(switched.redirectPath()).isEqualTo("/console");
        assertThat(operators.availability(tenant.accountId(), admin.operator().id())).isEqualTo(Availability.ONLINE);

        var after = admin.session().get("/console");
        assertThat(after.document().select("#availability-choice option[selected]").attr("value")).isEqualTo("ONLINE");
        assertThat(after.text("div.notice[role=status]")).isEqualTo("Disponibilidade alterada.");
    }

    @Test
    void aBadAvailabilityIsAPageWithTheReasonAndChangesNothing() {
        admin.session().get("/console");
        var refused = admin.session().post("/console/availability", "availability", "BUSY");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("online, ausente ou offline");
        assertThat(operators.availability(tenant.accountId(), admin.operator().id())).isEqualTo(Availability.OFFLINE);
    }

    @Test
    void theDepartmentFormSetsTheAssignmentAndTheCap() {
        var department = departments.createDepartment(tenant.accountId(), "Suporte");
        var page = admin.session().get("/console/admin/departments");
        assertThat(page.document().select("#assignment-mode-" + department.id() + " option[selected]").attr("value")).isEqualTo("MANUAL");

        var saved = admin.session().post("/console/admin/departments/" + department.id() + "/assignment",
                "assignment", "LEAST_OPEN", "max_open_per_operator", "4");
        assertThat(saved.redirectPath()).isEqualTo("/console/admin/departments");
        var stored = departments.getDepartment(tenant.accountId(), department.id());
        assertThat(stored.assignment()).isEqualTo(AssignmentMode.LEAST_OPEN);
        assertThat(stored.maxOpenPerOperator()).isEqualTo(4);

        var shown = admin.session().get("/console/admin/departments");
        assertThat(shown.document().select("#assignment-mode-" + department.id() + " option[selected]").attr("value")).isEqualTo("LEAST_OPEN");
        assertThat(shown.document().select("#assignment-cap-" + department.id()).attr("value")).isEqualTo("4");

        // An empty cap removes it.
        admin.session().post("/console/admin/departments/" + department.id() + "/assignment", "assignment", "ROUND_ROBIN",
                "max_open_per_operator", "");
        assertThat(departments.getDepartment(tenant.accountId(), department.id()).maxOpenPerOperator()).isNull();
    }

    @Test
    void aBadCapOrModeIsRefusedNextToTheFormAndChangesNothing() {
        var department = departments.createDepartment(tenant.accountId(), "Suporte");
        admin.session().get("/console/admin/departments");
        String form = "/console/admin/departments/" + department.id() + "/assignment";

        var notANumber = admin.session().post(form, "assignment", "ROUND_ROBIN", "max_open_per_operator", "muitos");
        var negative = admin.session().post(form, "assignment", "ROUND_ROBIN", "max_open_per_operator", "-2");
        var unknownMode = admin.session().post(form, "assignment", "SORTEIO", "max_open_per_operator", "2");

        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.text("[role=alert]")).contains("max_open_per_operator");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(unknownMode.status()).isEqualTo(400);
        assertThat(unknownMode.text("[role=alert]")).contains("assignment");
        var stored = departments.getDepartment(tenant.accountId(), department.id());
        assertThat(stored.assignment()).isEqualTo(AssignmentMode.MANUAL);
        assertThat(stored.maxOpenPerOperator()).isNull();
    }
}
