package io.atende.console.admin;

import java.util.List;

import io.atende.automation.Action;
import io.atende.automation.AutomationManagement;
import io.atende.automation.Condition;
import io.atende.automation.RuleView;
import io.atende.automation.SaveRule;
import io.atende.automation.TriggerManagement;
import io.atende.console.tickets.DeskFixture;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;
import io.atende.ticket.Priority;
import io.atende.ticket.TicketManagement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Administration → Triggers and Automations: the list in running order, reordering by the order form and the move
 * buttons, turning rules on and off, deleting after confirmation, the structured editor (with and without scripts),
 * its refusals, and the "test against a ticket" preview.
 */
@ApiTest
class RuleAdminPageTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    TriggerManagement triggers;
    @Autowired
    AutomationManagement automations;
    @Autowired
    TicketManagement tickets;

    DeskFixture desk;
    String account;
    BrowserSession admin;

    @BeforeEach
    void signIn() {
        desk = new DeskFixture(tenants);
        account = desk.tenant.accountId();
        admin = tenants.signedIn(account, OperatorRole.ADMIN).session();
        admin.get("/console/admin/triggers");
    }

    private RuleView trigger(String name, boolean active, String... events) {
        return triggers.create(account, new SaveRule(name, List.of(events), true, List.of(),
                List.of(new Action.AddTag(name.toLowerCase())), null, active));
    }

    private List<String> names() {
        return triggers.list(account).stream().map(RuleView::name).toList();
    }

    @Test
    void listsTheTriggersInRunningOrderWithEventsStateAndRuns() {
        var first = trigger("Primeiro", true, "ticket.created");
        var second = trigger("Segundo", false, "ticket.finished", "ticket.reopened");

        var page = admin.get("/console/admin/triggers");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("tbody tr").eachAttr("id")).containsExactly("rule-" + first.id(), "rule-" + second.id());
        assertThat(page.text("#rule-" + first.id() + " td:nth-child(3)")).isEqualTo("Ticket aberto");
        assertThat(page.text("#rule-" + second.id() + " td:nth-child(3)")).isEqualTo("Ticket finalizado, Ticket reaberto");
        assertThat(page.text("#rule-" + first.id() + " .badge")).isEqualTo("Ativa");
        assertThat(page.text("#rule-" + second.id() + " .badge")).isEqualTo("Inativa");
        assertThat(page.text("#rule-" + first.id() + " td:nth-child(5)")).isEqualTo("Nunca");
        assertThat(page.text("#rule-" + first.id() + " td:nth-child(6)")).isEqualTo("0");
        assertThat(page.document().selectFirst("#rule-" + first.id() + " button.move-up").hasAttr("disabled")).isTrue();
        assertThat(page.document().selectFirst("#rule-" + second.id() + " button.move-down").hasAttr("disabled")).isTrue();

        var none = admin.get("/console/admin/automations");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.text("h1")).isEqualTo("Automações");
        assertThat(none.document().select("#rule-order")).isEmpty();
    }

    @Test
    void theOrderFormAndTheMoveButtonsSaveThePositions() {
        var a = trigger("A", true, "ticket.created");
        var b = trigger("B", true, "ticket.created");
        var c = trigger("C", true, "ticket.created");

        var dragged = admin.post("/console/admin/triggers/order", "order", c.id(), "order", a.id(), "order", b.id());
        assertThat(dragged.redirectPath()).isEqualTo("/console/admin/triggers");
        admin.get(dragged.redirectPath());
        assertThat(names()).containsExactly("C", "A", "B");
        assertThat(triggers.list(account)).extracting(RuleView::position).containsExactly(1, 2, 3);

        var up = admin.post("/console/admin/triggers/" + b.id() + "/move", "direction", "up");
        assertThat(up.redirectPath()).isEqualTo("/console/admin/triggers");
        assertThat(names()).containsExactly("C", "B", "A");
        var page = admin.get("/console/admin/triggers");
        assertThat(page.text("[role=status]")).isEqualTo("Ordem salva.");
        assertThat(page.document().selectFirst("#rule-" + b.id() + " button.move-up").hasAttr("autofocus")).isTrue();
        admin.post("/console/admin/triggers/" + c.id() + "/move", "direction", "down");
        assertThat(names()).containsExactly("B", "C", "A");
        page = admin.get("/console/admin/triggers");
        assertThat(page.document().selectFirst("#rule-" + c.id() + " button.move-down").hasAttr("autofocus")).isTrue();
        assertThat(page.document().select("tbody tr .position").eachText()).containsExactly("1", "2", "3");

        var partial = admin.post("/console/admin/triggers/order", "order", a.id(), "order", b.id());
        assertThat(partial.status()).isEqualTo(400);
        assertThat(partial.text("[role=alert]")).contains("order");
        var twice = admin.post("/console/admin/triggers/order", "order", a.id(), "order", a.id(), "order", b.id());
        assertThat(twice.status()).isEqualTo(400);
        assertThat(names()).containsExactly("B", "C", "A");
    }

    @Test
    void aMoveWithoutAKnownDirectionIsRefusedAndNothingMoves() {
        var a = trigger("A", true, "ticket.created");
        var b = trigger("B", true, "ticket.created");

        var sideways = admin.post("/console/admin/triggers/" + b.id() + "/move", "direction", "sideways");
        assertThat(sideways.status()).isEqualTo(400);
        assertThat(sideways.text("[role=alert]")).contains("direction").contains("up, down");
        var none = admin.post("/console/admin/triggers/" + b.id() + "/move");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.text("[role=alert]")).contains("direction");
        assertThat(names()).containsExactly("A", "B");
        assertThat(triggers.list(account)).extracting(RuleView::id).containsExactly(a.id(), b.id());
    }

    @Test
    void turnsARuleOffAndOnAndDeletesItOnlyAfterConfirmation() {
        var rule = trigger("Etiquetar", true, "ticket.created");

        admin.post("/console/admin/triggers/" + rule.id() + "/active", "active", "0");
        assertThat(triggers.get(account, rule.id()).active()).isFalse();
        admin.post("/console/admin/triggers/" + rule.id() + "/active", "active", "1");
        assertThat(triggers.get(account, rule.id()).active()).isTrue();

        var confirm = admin.get("/console/admin/triggers/" + rule.id() + "/delete");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.text("h1")).isEqualTo("Excluir o gatilho Etiquetar?");
        assertThat(names()).containsExactly("Etiquetar");
        var deleted = admin.post("/console/admin/triggers/" + rule.id() + "/delete");
        assertThat(deleted.redirectPath()).isEqualTo("/console/admin/triggers");
        assertThat(triggers.list(account)).isEmpty();
        assertThat(admin.get("/console/admin/triggers/" + rule.id()).status()).isEqualTo(404);
    }

    @Test
    void theEditorCreatesATriggerFromItsRows() {
        var created = admin.post("/console/admin/triggers/new", "name", "VIP urgente", "events", "ticket.created",
                "events", "ticket.replied_by_customer", "match", "any", "active", "1",
                "c_field", "department", "c_op", "is", "c_fid", "", "c_value", desk.department,
                "c_field", "priority", "c_op", "greater_than", "c_fid", "", "c_value", "normal",
                "c_field", "category", "c_op", "is", "c_fid", "", "c_value", "",
                "a_type", "set_priority", "a_v1", "urgent", "a_v2", "", "a_v3", "", "a_v4", "",
                "a_type", "transfer", "a_v1", desk.department, "a_v2", desk.operator.id(), "a_v3", "", "a_v4", "",
                "a_type", "email", "a_v1", "address", "a_v2", "chefe@example.com", "a_v3", "Urgente #{{ticket.protocol}}", "a_v4", "Veja",
                "a_type", "close_status", "a_v1", "", "a_v2", "", "a_v3", "", "a_v4", "");

        assertThat(created.redirectPath()).isEqualTo("/console/admin/triggers");
        var rule = triggers.list(account).get(0);
        assertThat(rule.name()).isEqualTo("VIP urgente");
        assertThat(rule.events()).containsExactly("ticket.created", "ticket.replied_by_customer");
        assertThat(rule.matchAll()).isFalse();
        assertThat(rule.conditions()).containsExactly(new Condition("department", "is", null, desk.department),
                new Condition("priority", "greater_than", null, "normal"), new Condition("category", "is", null, null));
        assertThat(rule.actions()).containsExactly(new Action.SetPriority(Priority.URGENT),
                new Action.Transfer(desk.department, desk.operator.id()),
                new Action.Email(null, null, "chefe@example.com", "Urgente #{{ticket.protocol}}", "Veja"), new Action.CloseStatus());
        assertThat(admin.get("/console/admin/triggers").text("[role=status]")).isEqualTo("Regra criada.");
    }

    @Test
    void aRefusedDefinitionComesBackWithTheApisMessageAndNothingIsSaved() {
        var noName = admin.post("/console/admin/triggers/new", "name", "", "events", "ticket.created",
                "a_type", "add_tag", "a_v1", "vip", "a_v2", "", "a_v3", "", "a_v4", "");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.document().selectFirst("#rule-name").attr("aria-invalid")).isEqualTo("true");

        var emptyTag = admin.post("/console/admin/triggers/new", "name", "Quebrado", "events", "ticket.created",
                "c_field", "tag", "c_op", "contains", "c_fid", "", "c_value", "vip",
                "c_field", "hours_since_created", "c_op", "greater_than", "c_fid", "", "c_value", "muitas",
                "a_type", "add_tag", "a_v1", "vip", "a_v2", "", "a_v3", "", "a_v4", "");
        assertThat(emptyTag.status()).isEqualTo(400);
        assertThat(emptyTag.text("#rule-form [role=alert]")).contains("conditions[1]").contains("hours_since_created");
        assertThat(emptyTag.document().select("#conditions > li").get(1).hasClass("invalid")).isTrue();
        assertThat(emptyTag.document().selectFirst("#rule-name").attr("value")).isEqualTo("Quebrado");
        assertThat(emptyTag.document().select("#conditions input[name=c_value]").eachAttr("value")).containsExactly("vip", "muitas");

        var noActions = admin.post("/console/admin/automations/new", "name", "Sem ações", "match", "all");
        assertThat(noActions.status()).isEqualTo(400);
        assertThat(noActions.text("#rule-form [role=alert]")).contains("actions");
        var unknownDepartment = admin.post("/console/admin/triggers/new", "name", "X", "events", "ticket.created",
                "a_type", "transfer", "a_v1", "0".repeat(32), "a_v2", "", "a_v3", "", "a_v4", "");
        assertThat(unknownDepartment.status()).isEqualTo(400);
        assertThat(unknownDepartment.text("#rule-form [role=alert]")).contains("actions[0]");

        assertThat(triggers.list(account)).isEmpty();
        assertThat(automations.list(account)).isEmpty();
    }

    @Test
    void withoutScriptsTheRowButtonsAddAndRemoveRowsWithoutSaving() {
        var added = admin.post("/console/admin/automations/new", "name", "Rascunho", "add", "condition",
                "c_field", "situation", "c_op", "is", "c_fid", "", "c_value", "awaiting_customer",
                "a_type", "add_tag", "a_v1", "x", "a_v2", "", "a_v3", "", "a_v4", "");
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.document().select("#conditions > li")).hasSize(2);
        assertThat(added.document().selectFirst("#conditions > li select[name=c_value] option[selected]").val())
                .isEqualTo("awaiting_customer");

        var removed = admin.post("/console/admin/automations/new", "name", "Rascunho", "remove_action", "0",
                "a_type", "add_tag", "a_v1", "x", "a_v2", "", "a_v3", "", "a_v4", "",
                "a_type", "finish", "a_v1", "Tchau", "a_v2", "", "a_v3", "", "a_v4", "");
        assertThat(removed.document().select("#actions > li")).hasSize(1);
        assertThat(removed.document().selectFirst("#actions textarea[name=a_v1]").text()).isEqualTo("Tchau");

        var refreshed = admin.post("/console/admin/automations/new", "name", "Rascunho", "refresh", "1",
                "c_field", "hours_since_created", "c_op", "is", "c_fid", "", "c_value", "");
        assertThat(refreshed.document().select("#conditions select[name=c_op] option").eachAttr("value"))
                .containsExactly("greater_than", "less_than");
        assertThat(automations.list(account)).isEmpty();
    }

    @Test
    void theEditorShowsASavedRuleInItsRowsAndSavesChangesKeepingItsCounters() {
        var rule = automations.create(account, new SaveRule("Fechar silenciosos", List.of(), true,
                List.of(new Condition("hours_since_operator_reply", "greater_than", null, "72")),
                List.of(new Action.Finish("Encerrado por falta de resposta.")), null, true));

        var form = admin.get("/console/admin/automations/" + rule.id());
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.document().selectFirst("#conditions select[name=c_field] option[selected]").val())
                .isEqualTo("hours_since_operator_reply");
        assertThat(form.document().selectFirst("#conditions input[name=c_value]").attr("value")).isEqualTo("72");
        assertThat(form.document().selectFirst("#actions select[name=a_type] option[selected]").val()).isEqualTo("finish");
        assertThat(form.document().select("input[name=events]")).isEmpty();

        var saved = admin.post("/console/admin/automations/" + rule.id(), "name", "Fechar após 48 h", "match", "all", "active", "1",
                "c_field", "hours_since_operator_reply", "c_op", "greater_than", "c_fid", "", "c_value", "48",
                "a_type", "finish", "a_v1", "Encerrado.", "a_v2", "", "a_v3", "", "a_v4", "");
        assertThat(saved.redirectPath()).isEqualTo("/console/admin/automations");
        var after = automations.get(account, rule.id());
        assertThat(after.name()).isEqualTo("Fechar após 48 h");
        assertThat(after.conditions()).containsExactly(new Condition("hours_since_operator_reply", "greater_than", null, "48"));
        assertThat(after.actions()).containsExactly(new Action.Finish("Encerrado."));
        assertThat(after.position()).isEqualTo(rule.position());

        var refused = admin.post("/console/admin/automations/" + rule.id(), "name", "Outro", "a_type", "open_status",
                "a_v1", "", "a_v2", "", "a_v3", "", "a_v4", "");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(automations.get(account, rule.id()).name()).isEqualTo("Fechar após 48 h");
    }

    @Test
    void thePreviewSaysWhichConditionsHeldForTheTicketAndChangesNothing() {
        String ticket = desk.ticket("Impressora quebrada");
        long protocol = tickets.get(account, ticket).protocol();
        var rule = triggers.create(account, new SaveRule("Impressoras", List.of("ticket.created"), true,
                List.of(new Condition("department", "is", null, desk.department), new Condition("tag", "contains", null, "vip"),
                        new Condition("channel", "is", null, "console")),
                List.of(new Action.AddTag("impressora")), null, true));

        var page = admin.get("/console/admin/triggers/" + rule.id() + "?ticket=" + protocol);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("#test-result .verdict")).isEqualTo("A regra não vale para o ticket #" + protocol + ": nada rodaria.");
        var rows = page.document().select("#test-result tbody tr");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).hasClass("held")).isTrue();
        assertThat(rows.get(0).select("td").get(0).text()).isEqualTo("Departamento é Suporte");
        assertThat(rows.get(0).select("td").get(2).text()).isEqualTo("Suporte");
        assertThat(rows.get(1).hasClass("not-held")).isTrue();
        assertThat(rows.get(1).select("td").get(2).text()).isEqualTo("Nenhum");
        assertThat(rows.get(2).hasClass("held")).isTrue();
        assertThat(page.text("#test-result .would-run")).isEqualTo("Adicionar a etiqueta: impressora");

        var byEmail = admin.get("/console/admin/triggers/" + rule.id() + "?ticket=%23" + protocol + "&channel=email");
        assertThat(byEmail.document().select("#test-result tbody tr").get(2).hasClass("not-held")).isTrue();

        var unknown = admin.get("/console/admin/triggers/" + rule.id() + "?ticket=999999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("#test [role=alert]")).isEqualTo("Não há ticket 999999 nesta conta.");
        var other = new DeskFixture(tenants);
        String theirs = other.ticket("Deles");
        assertThat(admin.get("/console/admin/triggers/" + rule.id() + "?ticket=" + theirs).status()).isEqualTo(404);

        assertThat(triggers.get(account, rule.id()).runCount()).isZero();
        assertThat(tickets.tags(account, ticket)).isEmpty();
    }

    @Test
    void anotherAccountsRulesAreNotFoundAndOperatorsAreKeptOut() {
        var other = tenants.create();
        var theirs = triggers.create(other.accountId(), new SaveRule("Deles", List.of("ticket.created"), true, List.of(),
                List.of(new Action.AddTag("x")), null, true));
        var operator = tenants.signedIn(account, OperatorRole.OPERATOR).session();

        assertThat(admin.get("/console/admin/triggers/" + theirs.id()).status()).isEqualTo(404);
        assertThat(admin.get("/console/admin/automations/" + theirs.id()).status()).isEqualTo(404);
        assertThat(admin.post("/console/admin/triggers/" + theirs.id() + "/move", "direction", "up").status()).isEqualTo(404);
        assertThat(admin.post("/console/admin/triggers/" + theirs.id() + "/active", "active", "0").status()).isEqualTo(404);
        assertThat(admin.post("/console/admin/triggers/" + theirs.id() + "/delete").status()).isEqualTo(404);
        assertThat(admin.post("/console/admin/triggers/order", "order", theirs.id()).status()).isEqualTo(400);
        assertThat(operator.get("/console/admin/triggers").status()).isEqualTo(403);
        var still = triggers.get(other.accountId(), theirs.id());
        assertThat(still.active()).isTrue();
        assertThat(still.position()).isEqualTo(1);
    }
}
