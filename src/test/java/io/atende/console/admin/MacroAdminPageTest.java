package io.atende.console.admin;

import java.util.List;

import io.atende.automation.Action;
import io.atende.automation.MacroManagement;
import io.atende.automation.SaveMacro;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;
import io.atende.ticket.Priority;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The macros administration page: create, edit and delete, with refusals shown next to the form. */
@ApiTest
class MacroAdminPageTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    MacroManagement macros;

    Tenant tenant;
    BrowserSession admin;

    @BeforeEach
    void signIn() {
        tenant = tenants.create();
        admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
        admin.get("/console/admin/macros");
    }

    @Test
    void createsASharedMacroAndAnOperatorsOwnAndListsThem() {
        var ana = tenants.operator(tenant.accountId(), OperatorRole.OPERATOR);

        var created = admin.post("/console/admin/macros", "name", "Agradecer", "reply", "Obrigado, {{customer.name}}!",
                "actions", "[{\"type\": \"set_priority\", \"value\": \"high\"}, {\"type\": \"add_tag\", \"value\": \"vip\"}]", "owner", "shared");
        var own = admin.post("/console/admin/macros", "name", "Minha", "reply", "Oi", "actions", "", "owner", ana.id());

        assertThat(created.redirectPath()).isEqualTo("/console/admin/macros");
        assertThat(own.redirectPath()).isEqualTo("/console/admin/macros");
        var page = admin.get("/console/admin/macros");
        assertThat(page.text("[role=status]")).isEqualTo("Macro criada.");
        var all = macros.list(tenant.accountId());
        assertThat(all).extracting(m -> m.name()).containsExactly("Agradecer", "Minha");
        assertThat(all.get(0).actions()).containsExactly(new Action.SetPriority(Priority.HIGH), new Action.AddTag("vip"));
        assertThat(all.get(0).shared()).isTrue();
        assertThat(all.get(1).operatorId()).isEqualTo(ana.id());
        assertThat(page.text("#macro-" + all.get(0).id() + " td:nth-child(2)")).isEqualTo("Todos os atendentes");
        assertThat(page.text("#macro-" + all.get(1).id() + " td:nth-child(2)")).isEqualTo("Somente " + ana.name());
    }

    @Test
    void refusesBadInputInPlaceKeepingWhatWasTyped() {
        var badAction = admin.post("/console/admin/macros", "name", "Quebrada", "reply", "Oi",
                "actions", "[{\"type\": \"add_tag\"}, {\"type\": \"explode\"}]", "owner", "shared");
        var badJson = admin.post("/console/admin/macros", "name", "Quebrada", "actions", "{nada", "owner", "shared");
        var badPlaceholder = admin.post("/console/admin/macros", "name", "Quebrada", "reply", "Oi {{cliente}}", "owner", "shared");
        var empty = admin.post("/console/admin/macros", "name", "", "reply", "Oi", "owner", "shared");

        assertThat(badAction.status()).isEqualTo(400);
        assertThat(badAction.text("#create-macro [role=alert]")).contains("actions[0]").contains("add_tag");
        assertThat(badAction.document().selectFirst("#macro-name").attr("value")).isEqualTo("Quebrada");
        assertThat(badAction.document().selectFirst("#macro-actions").text()).contains("explode");
        assertThat(badAction.document().selectFirst("#macro-actions").attr("aria-invalid")).isEqualTo("true");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badPlaceholder.status()).isEqualTo(400);
        assertThat(badPlaceholder.text("#create-macro [role=alert]")).contains("{{cliente}}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(macros.list(tenant.accountId())).isEmpty();
    }

    @Test
    void editsAndDeletesAMacro() {
        String id = macros.create(tenant.accountId(), new SaveMacro("Antes", "Oi", List.of(new Action.AddTag("a")), null)).id();

        var form = admin.get("/console/admin/macros/" + id);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.document().selectFirst("#macro-actions").text()).contains("add_tag");
        var refused = admin.post("/console/admin/macros/" + id, "name", "Depois", "reply", "{{x}}", "actions", "", "owner", "shared");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("#edit-macro [role=alert]")).contains("{{x}}");
        assertThat(macros.get(tenant.accountId(), id).name()).isEqualTo("Antes");

        var saved = admin.post("/console/admin/macros/" + id, "name", "Depois", "reply", "", "actions",
                "[{\"type\": \"remove_tag\", \"value\": \"a\"}]", "owner", "shared");
        assertThat(saved.redirectPath()).isEqualTo("/console/admin/macros");
        var macro = macros.get(tenant.accountId(), id);
        assertThat(macro.name()).isEqualTo("Depois");
        assertThat(macro.reply()).isNull();
        assertThat(macro.actions()).containsExactly(new Action.RemoveTag("a"));

        assertThat(admin.post("/console/admin/macros/" + id + "/delete").redirectPath()).isEqualTo("/console/admin/macros");
        assertThat(macros.list(tenant.accountId())).isEmpty();
        assertThat(admin.get("/console/admin/macros/" + id).status()).isEqualTo(404);
    }

    @Test
    void anotherAccountsMacroIsNotFoundAndOperatorsAreKeptOut() {
        var other = tenants.create();
        String theirs = macros.create(other.accountId(), new SaveMacro("Deles", "Oi", List.of(), null)).id();
        var operator = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();

        assertThat(admin.get("/console/admin/macros/" + theirs).status()).isEqualTo(404);
        assertThat(admin.post("/console/admin/macros/" + theirs, "name", "X", "reply", "Oi", "owner", "shared").status()).isEqualTo(404);
        assertThat(admin.post("/console/admin/macros/" + theirs + "/delete").status()).isEqualTo(404);
        assertThat(operator.get("/console/admin/macros").status()).isEqualTo(403);
        assertThat(macros.get(other.accountId(), theirs).name()).isEqualTo("Deles");
    }
}
