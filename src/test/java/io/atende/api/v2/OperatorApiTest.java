package io.atende.api.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.atende.operator.CreateOperator;
import io.atende.operator.OperatorDeletionVeto;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/api.md, Endpoints: Operators: /operator/list, /new, /update, /delete, and the rule that keeps operators with linked work. */
@ApiTest
@DirtiesContext
@TestPropertySource(properties = "spring.datasource.hikari.maximum-pool-size=4")
class OperatorApiTest {

    static final String LINKED_WORK_EN = "This operator cannot be removed because there are chats/tickets linked to it.";
    static final String LINKED_WORK_PT = "Este atendente não pode ser removido por haver atendimentos/chamados vinculados.";
    static final String PASSWORD = "s3cret-Passw0rd";

    @Autowired
    TestTenants tenants;

    @Autowired
    OperatorManagement operators;

    @Autowired
    LinkedWork linkedWork;

    Tenant tenant;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
    }

    // ---- /operator/new

    @Test
    void createsAnOperatorWithRootIdAndDefaults() {
        var created = tenant.admin().post("/operator/new", "name", " Ana Souza ", "email", " Ana@Example.com ", "password", PASSWORD);

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().get("error").asBoolean()).isFalse();
        assertThat(created.id()).matches("[0-9a-f]{32}");
        var data = created.data();
        assertThat(data.get("id").asString()).isEqualTo(created.id());
        assertThat(data.get("name").asString()).isEqualTo("Ana Souza");
        assertThat(data.get("email").asString()).isEqualTo("Ana@Example.com");
        // md5("ana@example.com")
        assertThat(data.get("mail_hash").asString()).isEqualTo("cdb9d6a1dddc375a09cc83e3001598dc");
        assertThat(data.get("role").asString()).isEqualTo("operator");
        assertThat(data.get("active").asBoolean()).isTrue();
        assertThat(data.get("creation_date").asString()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}");
        assertNoPassword(created);
        assertThat(operators.passwordMatches(tenant.accountId(), created.id(), PASSWORD)).isTrue();
        assertThat(names()).containsExactly("Ana Souza");
    }

    @Test
    void createsASupervisorAndMakesAnAgentOne() {
        var created = tenant.admin().post("/operator/new", "name", "Sofia", "email", "sofia@example.com", "role", "supervisor");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.data().get("role").asString()).isEqualTo("supervisor");
        var agent = tenant.admin().post("/operator/new", "name", "Caio", "email", "caio@example.com");
        assertThat(agent.data().get("role").asString()).as("the agent keeps the wire name operator").isEqualTo("operator");
        var promoted = tenant.admin().post("/operator/update", "operator_id", agent.id(), "role", "supervisor");
        assertThat(promoted.data().get("role").asString()).isEqualTo("supervisor");
    }

    @Test
    void createsAnInactiveAdminAndAcceptsJson() {
        var created = tenant.admin().postJson("/operator/new", Map.of("name", "Bruno", "email", "bruno@example.com",
                "role", "ADMIN", "active", "0"));

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.data().get("role").asString()).isEqualTo("admin");
        assertThat(created.data().get("active").asBoolean()).isFalse();
        // Without a password the operator exists but cannot sign in.
        assertThat(operators.passwordMatches(tenant.accountId(), created.id(), "")).isFalse();
    }

    @Test
    void requiresNameAndEmail() {
        var noName = tenant.admin().post("/operator/new", "email", "ana@example.com");
        var blankName = tenant.admin().post("/operator/new", "name", "  ", "email", "ana@example.com");
        var noEmail = tenant.admin().post("/operator/new", "name", "Ana");

        assertBadRequest(noName, "name");
        assertBadRequest(blankName, "name");
        assertBadRequest(noEmail, "email");
        assertThat(names()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana", "ana@", "@example.com", "ana@example", "ana example@example.com", "ana@@example.com", "ana@example.", "ana@.com"})
    void refusesAnInvalidEmail(String email) {
        assertBadRequest(tenant.admin().post("/operator/new", "name", "Ana", "email", email), "email");
        assertThat(names()).isEmpty();
    }

    @Test
    void refusesBadValues() {
        assertBadRequest(tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@example.com", "password", "1234567"), "password");
        assertBadRequest(tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@example.com", "role", "owner"), "role");
        assertBadRequest(tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@example.com", "active", "maybe"), "active");
        assertBadRequest(tenant.admin().post("/operator/new", "name", "x".repeat(251), "email", "ana@example.com"), "name");
        assertBadRequest(tenant.admin().post("/operator/new", "name", "Ana", "email", "a".repeat(240) + "@example.com"), "email");
        assertThat(names()).isEmpty();

        // Long enough, but among the most common passwords: refused with the reason.
        var common = tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@example.com", "password", "12345678");
        assertBadRequest(common, "password");
        assertThat(common.message()).contains("most common");
        assertThat(names()).isEmpty();

        assertThat(tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@example.com", "password", "ana-pw-8").status())
                .isEqualTo(200);
    }

    @Test
    void refusesAnEmailAlreadyUsedInTheAccountIgnoringCase() {
        create("Ana", "ana@example.com");

        var duplicate = tenant.admin().post("/operator/new", "name", "Ana Two", "email", " ANA@example.COM ");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("error").asBoolean()).isTrue();
        assertThat(duplicate.message()).contains("ANA@example.COM");
        assertThat(names()).containsExactly("Ana");
    }

    @Test
    void concurrentCreationsWithOneEmailGiveOneOperatorAndConflictsOnly() throws Exception {
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(4);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = "Racer " + i;
                Callable<Integer> creation = () -> {
                    start.await();
                    return tenant.admin().post("/operator/new", "name", name, "email", "race@example.com").status();
                };
                results.add(pool.submit(creation));
            }
            start.countDown();
            for (var result : results) {
                statuses.add(result.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);
        assertThat(names()).hasSize(1);
    }

    // ---- /operator/list

    @Test
    void listsTheAccountsOperatorsByName() {
        create("Carla", "carla@example.com");
        create("Ana", "ana@example.com");
        create("Bruno", "bruno@example.com");

        var listed = tenant.reader().get("/operator/list");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("size").asInt()).isEqualTo(3);
        assertThat(listed.json().get("pages").asInt()).isEqualTo(1);
        assertThat(listed.json().get("current_page").asInt()).isEqualTo(1);
        assertThat(listed.json().get("next_page").isNull()).isTrue();
        assertThat(listed.json().get("previous_page").isNull()).isTrue();
        assertThat(names()).containsExactly("Ana", "Bruno", "Carla");
        var first = listed.data().get(0);
        assertThat(List.copyOf(first.propertyNames())).containsExactlyInAnyOrder("id", "name", "email", "mail_hash", "role", "role_id", "role_name",
                "permissions", "active", "creation_date", "availability");
        assertNoPassword(listed);
    }

    @Test
    void pagesFiftyOperatorsAtATime() {
        for (int i = 1; i <= 51; i++) {
            operators.create(tenant.accountId(), new CreateOperator("Operator %03d".formatted(i), "op%03d@example.com".formatted(i),
                    null, OperatorRole.OPERATOR, true));
        }

        var first = tenant.reader().get("/operator/list");
        var second = tenant.reader().get("/operator/list", "page", "2");

        assertThat(first.data().size()).isEqualTo(50);
        assertThat(first.json().get("size").asInt()).isEqualTo(51);
        assertThat(first.json().get("pages").asInt()).isEqualTo(2);
        assertThat(first.json().get("next_page").asInt()).isEqualTo(2);
        assertThat(first.data().get(0).get("name").asString()).isEqualTo("Operator 001");
        assertThat(second.data().size()).isEqualTo(1);
        assertThat(second.data().get(0).get("name").asString()).isEqualTo("Operator 051");
        assertThat(second.json().get("current_page").asInt()).isEqualTo(2);
        assertThat(second.json().get("next_page").isNull()).isTrue();
        assertThat(second.json().get("previous_page").asInt()).isEqualTo(1);
        assertThat(tenant.reader().get("/operator/list", "page", "3").status()).isEqualTo(404);
        assertBadRequest(tenant.reader().get("/operator/list", "page", "0"), "page");
        assertBadRequest(tenant.reader().get("/operator/list", "page", "two"), "page");
    }

    @Test
    void anEmptyListIsAnEmptyPage() {
        var listed = tenant.reader().get("/operator/list");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("size").asInt()).isZero();
        assertThat(listed.json().get("pages").asInt()).isZero();
        assertThat(listed.data().isArray()).isTrue();
        assertThat(listed.data().size()).isZero();
    }

    // ---- /operator/update

    @Test
    void changesTheGivenAttributesAndKeepsTheOthers() {
        String id = tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@example.com", "password", PASSWORD).id();

        var renamed = tenant.admin().post("/operator/update", "operator_id", id, "name", "Ana Souza");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.data().get("name").asString()).isEqualTo("Ana Souza");
        assertThat(renamed.data().get("email").asString()).isEqualTo("ana@example.com");
        assertThat(renamed.data().get("role").asString()).isEqualTo("operator");
        assertThat(renamed.data().get("active").asBoolean()).isTrue();
        assertThat(operators.passwordMatches(tenant.accountId(), id, PASSWORD)).isTrue();

        var changed = tenant.admin().post("/operator/update", "operator_id", id, "email", "ana.souza@example.com",
                "role", "admin", "active", "0", "password", "another-password");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertNoPassword(changed);
        var listed = tenant.reader().get("/operator/list").data().get(0);
        assertThat(listed.get("name").asString()).isEqualTo("Ana Souza");
        assertThat(listed.get("email").asString()).isEqualTo("ana.souza@example.com");
        assertThat(listed.get("role").asString()).isEqualTo("admin");
        assertThat(listed.get("active").asBoolean()).isFalse();
        assertThat(operators.passwordMatches(tenant.accountId(), id, "another-password")).isFalse(); // inactive: no sign-in
        tenant.admin().post("/operator/update", "operator_id", id, "active", "1");
        assertThat(operators.passwordMatches(tenant.accountId(), id, "another-password")).isTrue();
        assertThat(operators.passwordMatches(tenant.accountId(), id, PASSWORD)).isFalse();
    }

    @Test
    void mayChangeTheCaseOfItsOwnEmail() {
        String id = create("Ana", "ana@example.com");

        var recased = tenant.admin().post("/operator/update", "operator_id", id, "email", "Ana@Example.com");

        assertThat(recased.status()).as(recased.toString()).isEqualTo(200);
        assertThat(recased.data().get("email").asString()).isEqualTo("Ana@Example.com");
    }

    @Test
    void refusesAnEmailTakenByAnotherOperator() {
        String ana = create("Ana", "ana@example.com");
        create("Bruno", "bruno@example.com");

        var taken = tenant.admin().post("/operator/update", "operator_id", ana, "name", "Ana Renamed", "email", "BRUNO@example.com");

        assertThat(taken.status()).isEqualTo(409);
        var listed = tenant.reader().get("/operator/list").data().get(0);
        assertThat(listed.get("name").asString()).isEqualTo("Ana");
        assertThat(listed.get("email").asString()).isEqualTo("ana@example.com");
    }

    @Test
    void updateNeedsAKnownOperatorAndValidValues() {
        String id = create("Ana", "ana@example.com");

        assertBadRequest(tenant.admin().post("/operator/update", "name", "X"), "operator_id");
        var unknown = tenant.admin().post("/operator/update", "operator_id", "0".repeat(32), "name", "X");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asBoolean()).isTrue();
        assertBadRequest(tenant.admin().post("/operator/update", "operator_id", id, "email", "not-an-email"), "email");
        assertBadRequest(tenant.admin().post("/operator/update", "operator_id", id, "name", "  "), "name");
        assertBadRequest(tenant.admin().post("/operator/update", "operator_id", id, "password", "short"), "password");
        assertBadRequest(tenant.admin().post("/operator/update", "operator_id", id, "role", "owner"), "role");
        assertBadRequest(tenant.admin().post("/operator/update", "operator_id", id, "active", "perhaps"), "active");
        assertBadRequest(tenant.admin().post("/operator/update", "operator_id", id, "name", "Z".repeat(251)), "name");

        var listed = tenant.reader().get("/operator/list").data().get(0);
        assertThat(listed.get("name").asString()).isEqualTo("Ana");
        assertThat(listed.get("email").asString()).isEqualTo("ana@example.com");
        assertThat(listed.get("role").asString()).isEqualTo("operator");
        assertThat(listed.get("active").asBoolean()).isTrue();
    }

    // ---- /operator/delete

    @Test
    void deletesTheOperatorWithTheirDepartmentMemberships() {
        String department = tenant.admin().post("/department/new", "name", "Suporte").id();
        String ana = create("Ana", "ana@example.com");
        String bruno = create("Bruno", "bruno@example.com");
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", ana);
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", bruno);

        var deleted = tenant.admin().post("/operator/delete", "operator_id", ana);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.data().asBoolean()).isTrue();
        assertThat(names()).containsExactly("Bruno");
        var members = tenant.reader().get("/department/operator/list", "department_id", department);
        assertThat(members.json().get("size").asInt()).isEqualTo(1);
        assertThat(members.data().get(0).get("id").asString()).isEqualTo(bruno);
        assertThat(tenant.admin().post("/operator/delete", "operator_id", ana).status()).isEqualTo(404);
        // The e-mail address is free again.
        assertThat(tenant.admin().post("/operator/new", "name", "Ana Again", "email", "ana@example.com").status()).isEqualTo(200);
    }

    @Test
    void deleteNeedsAKnownOperator() {
        create("Ana", "ana@example.com");

        assertBadRequest(tenant.admin().post("/operator/delete"), "operator_id");
        assertThat(tenant.admin().post("/operator/delete", "operator_id", "f".repeat(32)).status()).isEqualTo(404);
        assertThat(names()).containsExactly("Ana");
    }

    @Test
    void refusesToDeleteAnOperatorWithLinkedTicketsOrChats() {
        String department = tenant.admin().post("/department/new", "name", "Suporte").id();
        String ana = create("Ana", "ana@example.com");
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", ana);
        linkedWork.link(tenant.accountId(), ana);

        var english = tenant.admin().post("/operator/delete", "operator_id", ana);
        var portuguese = tenant.admin().withHeader("Accept-Language", "pt-BR").post("/operator/delete", "operator_id", ana);
        var spanish = tenant.admin().withHeader("Accept-Language", "es").post("/operator/delete", "operator_id", ana);

        assertThat(english.status()).isEqualTo(409);
        assertThat(english.json().get("error").asBoolean()).isTrue();
        assertThat(english.json().get("success").asBoolean()).isFalse();
        assertThat(english.message()).contains(LINKED_WORK_EN);
        assertThat(portuguese.status()).isEqualTo(409);
        assertThat(portuguese.message()).isEqualTo(LINKED_WORK_PT);
        assertThat(spanish.status()).isEqualTo(409);
        assertThat(spanish.message()).isNotBlank().isNotEqualTo(english.message()).isNotEqualTo(LINKED_WORK_PT);

        assertThat(names()).containsExactly("Ana");
        assertThat(tenant.reader().get("/department/operator/list", "department_id", department).json().get("size").asInt()).isEqualTo(1);
        // Deactivating is the way out.
        assertThat(tenant.admin().post("/operator/update", "operator_id", ana, "active", "0").status()).isEqualTo(200);
    }

    @Test
    void workLinkedInAnotherAccountDoesNotVeto() {
        String ana = create("Ana", "ana@example.com");
        linkedWork.link(tenants.create().accountId(), ana);

        assertThat(tenant.admin().post("/operator/delete", "operator_id", ana).status()).isEqualTo(200);
    }

    // ---- access and isolation

    @Test
    void managingOperatorsNeedsAnAdminToken() {
        String ana = create("Ana", "ana@example.com");

        for (var client : List.of(tenant.reader(), tenant.writer())) {
            assertThat(client.post("/operator/new", "name", "Bruno", "email", "bruno@example.com").status()).isEqualTo(403);
            assertThat(client.post("/operator/update", "operator_id", ana, "name", "Changed").status()).isEqualTo(403);
            assertThat(client.post("/operator/delete", "operator_id", ana).status()).isEqualTo(403);
        }
        assertThat(tenant.anonymous().post("/operator/new", "name", "Bruno", "email", "bruno@example.com").status()).isEqualTo(401);
        assertThat(tenant.anonymous().post("/operator/update", "operator_id", ana, "name", "Changed").status()).isEqualTo(401);
        assertThat(tenant.anonymous().post("/operator/delete", "operator_id", ana).status()).isEqualTo(401);
        assertThat(tenant.anonymous().get("/operator/list").status()).isEqualTo(401);
        assertThat(tenant.writer().get("/operator/list").status()).isEqualTo(200);
        assertThat(names()).containsExactly("Ana");
    }

    @Test
    void anotherAccountSeesNoneOfItAndGets404ForItsIds() {
        String ana = create("Ana", "ana@example.com");
        var other = tenants.create();

        assertThat(other.reader().get("/operator/list").json().get("size").asInt()).isZero();
        assertThat(other.admin().post("/operator/update", "operator_id", ana, "name", "Hijacked").status()).isEqualTo(404);
        assertThat(other.admin().post("/operator/delete", "operator_id", ana).status()).isEqualTo(404);
        // E-mail addresses are unique per account, not per installation.
        assertThat(other.admin().post("/operator/new", "name", "Ana elsewhere", "email", "ana@example.com").status()).isEqualTo(200);

        assertThat(names()).containsExactly("Ana");
        assertThat(tenant.reader().get("/operator/list").data().get(0).get("email").asString()).isEqualTo("ana@example.com");
    }

    private String create(String name, String email) {
        var created = tenant.admin().post("/operator/new", "name", name, "email", email, "password", PASSWORD);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.id();
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        tenant.reader().get("/operator/list").data().forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    private static void assertBadRequest(ApiResponse response, String parameter) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("error").asBoolean()).isTrue();
        assertThat(response.message()).contains(parameter);
    }

    private static void assertNoPassword(ApiResponse response) {
        assertThat(response.text()).doesNotContain(PASSWORD).doesNotContain("another-password")
                .doesNotContain("password").doesNotContain("{bcrypt}").doesNotContain("$2a$");
    }

    /**
     * Stands in for the ticket and chat modules: a real veto, backed by the links a test records,
     * for the accounts it records them in.
     */
    static class LinkedWork implements OperatorDeletionVeto {

        private final Set<String> links = ConcurrentHashMap.newKeySet();

        void link(String accountId, String operatorId) {
            links.add(accountId + "/" + operatorId);
        }

        @Override
        public boolean hasLinkedWork(String accountId, String operatorId) {
            return links.contains(accountId + "/" + operatorId);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class LinkedWorkConfiguration {

        @Bean
        LinkedWork linkedWork() {
            return new LinkedWork();
        }
    }
}
