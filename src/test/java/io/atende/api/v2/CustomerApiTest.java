package io.atende.api.v2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.atende.customfield.CustomFieldEntity;
import io.atende.customfield.CustomFieldManagement;
import io.atende.customfield.CustomFieldType;
import io.atende.customfield.DefineCustomField;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
class CustomerApiTest {

    private static final String DATE = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}-03:00";

    @Autowired
    TestTenants tenants;

    @Autowired
    CustomFieldManagement customFields;

    Tenant tenant;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
    }

    // --- /customer/new

    @Test
    void createsACustomerWithEveryAttributeAndReturnsItsIdAtTheRoot() {
        String organization = tenant.writer().post("/organization/new", "name", "Acme").id();

        var created = tenant.writer().post("/customer/new", "customer_id", "CRM-1", "name", "Maria Silva",
                "email", " Maria@Example.com ", "phone", "+55 11 99999-0000", "create_tickets", "0",
                "organization_id", organization, "language", "en_US", "portfolio_id", "P-7",
                "monthly_ticket_quota", "5", "email_validated", "1", "active", "0", "account_approved", "0");

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("error").asBoolean()).isFalse();
        assertThat(created.json().get("success").asBoolean()).isTrue();
        assertThat(created.message()).isEqualTo("Customer created.");
        assertThat(created.id()).matches("[0-9a-f]{32}");
        var customer = created.data();
        assertThat(names(customer)).containsExactlyInAnyOrder("id", "internal_id", "name", "email", "phone", "organization",
                "monthly_ticket_quota", "allow_create_tickets", "email_validated", "active", "account_approved", "language",
                "custom_fields", "creation_date", "email_undeliverable");
        assertThat(customer.get("id").asString()).isEqualTo(created.id());
        assertThat(customer.get("internal_id").asString()).isEqualTo("CRM-1");
        assertThat(customer.get("name").asString()).isEqualTo("Maria Silva");
        assertThat(customer.get("email").asString()).isEqualTo("Maria@Example.com");
        assertThat(customer.get("phone").asString()).isEqualTo("+55 11 99999-0000");
        assertThat(customer.get("organization").get("id").asString()).isEqualTo(organization);
        assertThat(customer.get("organization").get("name").asString()).isEqualTo("Acme");
        assertThat(customer.get("monthly_ticket_quota").isNumber()).isTrue();
        assertThat(customer.get("monthly_ticket_quota").asInt()).isEqualTo(5);
        assertThat(customer.get("allow_create_tickets").isBoolean()).isTrue();
        assertThat(customer.get("allow_create_tickets").asBoolean()).isFalse();
        assertThat(customer.get("email_validated").asBoolean()).isTrue();
        assertThat(customer.get("active").asBoolean()).isFalse();
        assertThat(customer.get("account_approved").asBoolean()).isFalse();
        assertThat(customer.get("language").asString()).isEqualTo("en-US");
        assertThat(customer.get("custom_fields").isArray()).isTrue();
        assertThat(customer.get("creation_date").asString()).matches(DATE);

        var details = details("customer_id", "CRM-1").data().get(0);
        assertThat(details).isEqualTo(customer);
    }

    @Test
    void appliesDefaultsWhenOnlyTheRequiredParametersAreGiven() {
        var customer = tenant.writer().post("/customer/new", "customer_id", "1", "name", "Ana").data();

        assertThat(customer.get("email").isNull()).isTrue();
        assertThat(customer.get("phone").isNull()).isTrue();
        assertThat(customer.get("organization").isObject()).isTrue();
        assertThat(customer.get("organization").get("id").isNull()).isTrue();
        assertThat(customer.get("organization").get("name").isNull()).isTrue();
        assertThat(customer.get("monthly_ticket_quota").isNull()).isTrue();
        assertThat(customer.get("allow_create_tickets").asBoolean()).isTrue();
        assertThat(customer.get("email_validated").asBoolean()).isFalse();
        assertThat(customer.get("active").asBoolean()).isTrue();
        assertThat(customer.get("account_approved").asBoolean()).isTrue();
        assertThat(customer.get("language").asString()).isEqualTo("pt-BR");
        assertThat(customer.get("custom_fields").size()).isZero();
    }

    @Test
    void acceptsAFlatJsonBodyWithCustomFieldsAsAnObject() {
        String field = defineField("Plano", false);

        var created = tenant.writer().postJson("/customer/new", Map.of("customer_id", 42, "name", "Bia",
                "create_tickets", false, "custom_field", Map.of(field, "Ouro")));

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.data().get("internal_id").asString()).isEqualTo("42");
        assertThat(created.data().get("allow_create_tickets").asBoolean()).isFalse();
        assertThat(created.data().get("custom_fields").get(0).get("value").asString()).isEqualTo("Ouro");
    }

    @Test
    void requiresCustomerIdAndName() {
        var noId = tenant.writer().post("/customer/new", "name", "Ana");
        var noName = tenant.writer().post("/customer/new", "customer_id", "1");
        var blankName = tenant.writer().post("/customer/new", "customer_id", "1", "name", "  ");

        assertThat(noId.status()).isEqualTo(400);
        assertThat(noId.json().get("error").asBoolean()).isTrue();
        assertThat(noId.message()).contains("customer_id");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.message()).contains("name");
        assertThat(blankName.status()).isEqualTo(400);
        assertThat(listSize()).isZero();
    }

    @Test
    void refusesValuesThatAreTooLongOrMalformed() {
        assertThat(create("customer_id", "x".repeat(251), "name", "Ana").status()).isEqualTo(400);
        assertThat(create("customer_id", "1", "name", "x".repeat(251)).status()).isEqualTo(400);
        assertThat(create("customer_id", "1", "name", "Ana", "phone", "1".repeat(21)).status()).isEqualTo(400);
        assertThat(create("customer_id", "1", "name", "Ana", "portfolio_id", "p".repeat(251)).status()).isEqualTo(400);
        var badEmail = create("customer_id", "1", "name", "Ana", "email", "not-an-address");
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.message()).contains("email");
        var badFlag = create("customer_id", "1", "name", "Ana", "create_tickets", "maybe");
        assertThat(badFlag.status()).isEqualTo(400);
        assertThat(badFlag.message()).contains("create_tickets");
        assertThat(create("customer_id", "1", "name", "Ana", "active", "2").status()).isEqualTo(400);
        assertThat(create("customer_id", "1", "name", "Ana", "monthly_ticket_quota", "-1").status()).isEqualTo(400);
        assertThat(create("customer_id", "1", "name", "Ana", "monthly_ticket_quota", "many").status()).isEqualTo(400);
        var badLanguage = create("customer_id", "1", "name", "Ana", "language", "fr-FR");
        assertThat(badLanguage.status()).isEqualTo(400);
        assertThat(badLanguage.message()).contains("language");
        assertThat(listSize()).isZero();
    }

    @Test
    void acceptsTheUsualSpellingsOfEachLanguage() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("pt-BR", "pt-BR");
        expected.put("pt_br", "pt-BR");
        expected.put("PT", "pt-BR");
        expected.put("es_ES", "es_ES");
        expected.put("es-es", "es_ES");
        expected.put("es", "es_ES");
        expected.put("en-US", "en-US");
        expected.put("EN_us", "en-US");
        expected.put("en", "en-US");
        int n = 0;
        for (var entry : expected.entrySet()) {
            var created = create("customer_id", "lang-" + n++, "name", "Ana", "language", entry.getKey());
            assertThat(created.data().get("language").asString()).as(entry.getKey()).isEqualTo(entry.getValue());
        }
        assertThat(create("customer_id", "x", "name", "Ana", "language", "pt-PT").status()).isEqualTo(400);
    }

    @Test
    void refusesAnInternalIdOrEmailAlreadyUsedInTheAccount() {
        create("customer_id", "CRM-1", "name", "Ana", "email", "ana@example.com");

        var sameId = create("customer_id", "CRM-1", "name", "Outra");
        var sameEmail = create("customer_id", "CRM-2", "name", "Outra", "email", " ANA@example.COM");

        assertThat(sameId.status()).isEqualTo(409);
        assertThat(sameId.message()).contains("CRM-1");
        assertThat(sameEmail.status()).isEqualTo(409);
        assertThat(listSize()).isEqualTo(1);
    }

    @Test
    void internalIdsAreCaseSensitive() {
        create("customer_id", "abc", "name", "Ana");

        assertThat(create("customer_id", "ABC", "name", "Outra").status()).isEqualTo(200);
        assertThat(listSize()).isEqualTo(2);
    }

    @Test
    void refusesAnUnknownOrganization() {
        var unknown = create("customer_id", "1", "name", "Ana", "organization_id", "0".repeat(32));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(listSize()).isZero();
    }

    // --- custom fields

    @Test
    void storesCustomFieldValuesAndShowsThemWithTheFieldLabel() {
        String plan = defineField("Plano", false);
        String contract = defineField("Contrato", false);

        String id = create("customer_id", "1", "name", "Ana", "custom_field[" + plan + "]", "Ouro",
                "custom_field[" + contract + "]", "C-9").id();

        var fields = details("customer_id", id).data().get(0).get("custom_fields");
        assertThat(fields.size()).isEqualTo(2);
        assertThat(names(fields.get(0))).containsExactlyInAnyOrder("id", "name", "value");
        assertThat(fields.get(0).get("id").asString()).isEqualTo(plan);
        assertThat(fields.get(0).get("name").asString()).isEqualTo("Plano");
        assertThat(fields.get(0).get("value").asString()).isEqualTo("Ouro");
        assertThat(fields.get(1).get("name").asString()).isEqualTo("Contrato");
    }

    @Test
    void enforcesRequiredCustomFieldsOnCreationOnly() {
        String required = defineField("CPF", true);
        String other = defineField("Apelido", false);

        var missing = create("customer_id", "1", "name", "Ana");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(listSize()).isZero();

        assertThat(create("customer_id", "1", "name", "Ana", "custom_field[" + required + "]", "123").status()).isEqualTo(200);
        var update = tenant.writer().post("/customer/update", "customer_id", "1", "custom_field[" + other + "]", "Aninha");
        assertThat(update.status()).isEqualTo(200);
        assertThat(update.data().get("custom_fields").size()).isEqualTo(2);
    }

    @Test
    void refusesUnknownCustomFieldsAndValuesOfTheWrongType() {
        String size = customFields.define(tenant.accountId(), new DefineCustomField("Porte", CustomFieldEntity.CUSTOMER,
                CustomFieldType.SELECT, List.of("Pequeno", "Grande"), false, null, null)).id();
        String ticketField = customFields.define(tenant.accountId(), new DefineCustomField("Assunto", CustomFieldEntity.TICKET,
                CustomFieldType.TEXT, null, false, null, null)).id();

        assertThat(create("customer_id", "1", "name", "Ana", "custom_field[" + "f".repeat(32) + "]", "x").status()).isEqualTo(400);
        assertThat(create("customer_id", "1", "name", "Ana", "custom_field[" + ticketField + "]", "x").status()).isEqualTo(400);
        assertThat(create("customer_id", "1", "name", "Ana", "custom_field[" + size + "]", "Médio").status()).isEqualTo(400);
        assertThat(listSize()).isZero();

        var normalized = create("customer_id", "1", "name", "Ana", "custom_field[" + size + "]", "grande");
        assertThat(normalized.data().get("custom_fields").get(0).get("value").asString()).isEqualTo("Grande");
    }

    @Test
    void updatingCustomFieldsReplacesTheGivenOnesAndAnEmptyValueRemovesOne() {
        String plan = defineField("Plano", false);
        String contract = defineField("Contrato", false);
        create("customer_id", "1", "name", "Ana", "custom_field[" + plan + "]", "Ouro", "custom_field[" + contract + "]", "C-9");

        var changed = tenant.writer().post("/customer/update", "customer_id", "1", "custom_field[" + plan + "]", "Prata");
        assertThat(changed.data().get("custom_fields").get(0).get("value").asString()).isEqualTo("Prata");
        assertThat(changed.data().get("custom_fields").get(1).get("value").asString()).isEqualTo("C-9");

        var removed = tenant.writer().post("/customer/update", "customer_id", "1", "custom_field[" + contract + "]", "");
        assertThat(removed.data().get("custom_fields").size()).isEqualTo(1);
        assertThat(details("customer_id", "1").data().get(0).get("custom_fields").get(0).get("name").asString()).isEqualTo("Plano");
    }

    // --- lookups and /customer/details

    @Test
    void detailsIsAnArrayHoldingTheOneCustomer() {
        String id = create("customer_id", "CRM-1", "name", "Ana").id();

        var details = details("customer_id", "CRM-1");

        assertThat(details.status()).isEqualTo(200);
        assertThat(details.data().isArray()).isTrue();
        assertThat(details.data().size()).isEqualTo(1);
        assertThat(details.data().get(0).get("id").asString()).isEqualTo(id);
        var organization = details.data().get(0).get("organization");
        assertThat(organization.has("id")).isTrue();
        assertThat(organization.get("id").isNull()).isTrue();
        assertThat(organization.has("name")).isTrue();
        assertThat(organization.get("name").isNull()).isTrue();
    }

    @Test
    void looksCustomersUpByInternalIdOwnIdOrEmailWithEitherSpellingOfTheFlag() {
        String id = create("customer_id", "CRM-1", "name", "Ana", "email", "ana@example.com").id();

        assertThat(detailsId("customer_id", "CRM-1")).isEqualTo(id);
        assertThat(detailsId("customer_id", "CRM-1", "customer_type_id", "I")).isEqualTo(id);
        assertThat(detailsId("customer_id", "CRM-1", "customer_id_type", "i")).isEqualTo(id);
        assertThat(detailsId("customer_id", id)).isEqualTo(id);
        assertThat(detailsId("customer_id", id, "customer_type_id", "I")).isEqualTo(id);
        assertThat(detailsId("customer_id", "ANA@Example.com", "customer_type_id", "E")).isEqualTo(id);
        assertThat(detailsId("customer_id", "ana@example.com", "customer_id_type", "E")).isEqualTo(id);
        assertThat(detailsId("customer_id", "ana@example.com", "customer_type_id", "E", "customer_id_type", "e")).isEqualTo(id);

        assertThat(details("customer_id", "ana@example.com").status()).isEqualTo(404);
        assertThat(details("customer_id", "CRM-1", "customer_type_id", "E").status()).isEqualTo(404);
        assertThat(details("customer_id", id, "customer_type_id", "E").status()).isEqualTo(404);
    }

    @Test
    void anInternalIdMatchWinsOverAnIdThatLooksTheSame() {
        String first = create("customer_id", "first", "name", "Ana").id();
        String second = create("customer_id", first, "name", "Bia").id();

        assertThat(detailsId("customer_id", first)).isEqualTo(second);
        assertThat(detailsId("customer_id", second)).isEqualTo(second);
    }

    @Test
    void refusesAnUnknownTypeFlagOrTwoFlagsThatDisagree() {
        create("customer_id", "CRM-1", "name", "Ana", "email", "ana@example.com");

        var unknownFlag = details("customer_id", "CRM-1", "customer_type_id", "X");
        var unknownAlias = details("customer_id", "CRM-1", "customer_id_type", "internal");
        var disagreeing = details("customer_id", "CRM-1", "customer_type_id", "I", "customer_id_type", "E");

        assertThat(unknownFlag.status()).isEqualTo(400);
        assertThat(unknownFlag.message()).contains("customer_type_id");
        assertThat(unknownAlias.status()).isEqualTo(400);
        assertThat(unknownAlias.message()).contains("customer_id_type");
        assertThat(disagreeing.status()).isEqualTo(400);
    }

    @Test
    void detailsNeedsACustomerIdAndAnswers404ForAnUnknownOne() {
        assertThat(details().status()).isEqualTo(400);
        assertThat(details().message()).contains("customer_id");
        var unknown = details("customer_id", "nobody");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asBoolean()).isTrue();
    }

    @Test
    void answersInTheCallersLanguage() {
        assertThat(tenant.reader().withHeader("Accept-Language", "pt-BR").get("/customer/details", "customer_id", "x").message())
                .isEqualTo("Cliente não encontrado.");
        assertThat(tenant.reader().withHeader("Accept-Language", "es").get("/customer/details", "customer_id", "x").message())
                .isEqualTo("Cliente no encontrado.");
        assertThat(details("customer_id", "x").message()).isEqualTo("Customer not found.");
    }

    // --- /customer/exists

    @Test
    void existsAnswersTrueOrFalseOnBothPaths() {
        create("customer_id", "CRM-1", "name", "Ana", "email", "ana@example.com");

        for (String path : List.of("/customer/exists", "/customers/exists")) {
            var yes = tenant.reader().get(path, "customer_id", "CRM-1");
            assertThat(yes.status()).isEqualTo(200);
            assertThat(yes.data().isBoolean()).isTrue();
            assertThat(yes.data().asBoolean()).isTrue();
            assertThat(tenant.reader().get(path, "customer_id", "ANA@example.com", "customer_type_id", "E").data().asBoolean()).isTrue();
            var no = tenant.reader().get(path, "customer_id", "CRM-2");
            assertThat(no.status()).isEqualTo(200);
            assertThat(no.data().asBoolean()).isFalse();
            assertThat(tenant.reader().get(path, "customer_id", "CRM-1", "customer_id_type", "E").data().asBoolean()).isFalse();
            assertThat(tenant.reader().get(path).status()).isEqualTo(400);
            assertThat(tenant.reader().get(path, "customer_id", "CRM-1", "customer_type_id", "Z").status()).isEqualTo(400);
        }
    }

    // --- /customer/update

    @Test
    void updatesTheGivenAttributesAndKeepsTheOthers() {
        String organization = tenant.writer().post("/organization/new", "name", "Acme").id();
        String id = create("customer_id", "CRM-1", "name", "Ana", "email", "ana@example.com", "phone", "123",
                "language", "es").id();

        var updated = tenant.writer().post("/customer/update", "customer_id", "CRM-1", "name", "Ana Maria",
                "organization_id", organization, "create_tickets", "0", "monthly_ticket_quota", "3", "language", "en",
                "email_validated", "1", "active", "0", "account_approved", "0");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.message()).isEqualTo("Customer updated.");
        var customer = details("customer_id", id).data().get(0);
        assertThat(customer).isEqualTo(updated.data());
        assertThat(customer.get("name").asString()).isEqualTo("Ana Maria");
        assertThat(customer.get("email").asString()).isEqualTo("ana@example.com");
        assertThat(customer.get("phone").asString()).isEqualTo("123");
        assertThat(customer.get("internal_id").asString()).isEqualTo("CRM-1");
        assertThat(customer.get("organization").get("name").asString()).isEqualTo("Acme");
        assertThat(customer.get("allow_create_tickets").asBoolean()).isFalse();
        assertThat(customer.get("monthly_ticket_quota").asInt()).isEqualTo(3);
        assertThat(customer.get("language").asString()).isEqualTo("en-US");
        assertThat(customer.get("email_validated").asBoolean()).isTrue();
        assertThat(customer.get("active").asBoolean()).isFalse();
        assertThat(customer.get("account_approved").asBoolean()).isFalse();
    }

    @Test
    void anEmptyValueClearsAnOptionalAttribute() {
        String organization = tenant.writer().post("/organization/new", "name", "Acme").id();
        create("customer_id", "CRM-1", "name", "Ana", "email", "ana@example.com", "phone", "123",
                "organization_id", organization, "monthly_ticket_quota", "3");

        var updated = tenant.writer().post("/customer/update", "customer_id", "CRM-1", "email", "", "phone", "",
                "organization_id", "", "monthly_ticket_quota", "");

        assertThat(updated.status()).isEqualTo(200);
        var customer = details("customer_id", "CRM-1").data().get(0);
        assertThat(customer.get("email").isNull()).isTrue();
        assertThat(customer.get("phone").isNull()).isTrue();
        assertThat(customer.get("organization").get("id").isNull()).isTrue();
        assertThat(customer.get("monthly_ticket_quota").isNull()).isTrue();
        assertThat(tenant.writer().post("/customer/update", "customer_id", "CRM-1", "name", "").status()).isEqualTo(400);
    }

    @Test
    void findsTheCustomerToUpdateByOwnIdOrEmail() {
        String id = create("customer_id", "CRM-1", "name", "Ana", "email", "ana@example.com").id();

        assertThat(tenant.writer().post("/customer/update", "customer_id", id, "name", "By id").status()).isEqualTo(200);
        assertThat(tenant.writer().post("/customer/update", "customer_id", "ANA@example.com", "customer_id_type", "E",
                "name", "By email").status()).isEqualTo(200);
        assertThat(details("customer_id", id).data().get(0).get("name").asString()).isEqualTo("By email");
    }

    @Test
    void changesTheInternalIdOnlyWhenLookingUpByEmail() {
        String id = create("customer_id", "CRM-1", "name", "Ana", "email", "ana@example.com").id();

        var byInternalId = tenant.writer().post("/customer/update", "customer_id", "CRM-1", "internal_id", "CRM-9", "name", "X");
        assertThat(byInternalId.status()).isEqualTo(400);
        assertThat(byInternalId.message()).contains("internal_id");
        assertThat(details("customer_id", "CRM-1").data().get(0).get("name").asString()).isEqualTo("Ana");

        var byEmail = tenant.writer().post("/customer/update", "customer_id", "ana@example.com", "customer_type_id", "E",
                "internal_id", "CRM-9");
        assertThat(byEmail.status()).isEqualTo(200);
        assertThat(detailsId("customer_id", "CRM-9")).isEqualTo(id);
        assertThat(details("customer_id", "CRM-1").status()).isEqualTo(404);
    }

    @Test
    void refusesAnInternalIdOrEmailOfAnotherCustomer() {
        create("customer_id", "CRM-1", "name", "Ana", "email", "ana@example.com");
        create("customer_id", "CRM-2", "name", "Bia", "email", "bia@example.com");

        var sameEmail = tenant.writer().post("/customer/update", "customer_id", "CRM-2", "email", "Ana@Example.com", "name", "X");
        var sameInternalId = tenant.writer().post("/customer/update", "customer_id", "bia@example.com", "customer_type_id", "E",
                "internal_id", "CRM-1");
        var ownEmailOtherCase = tenant.writer().post("/customer/update", "customer_id", "CRM-2", "email", "BIA@example.com");

        assertThat(sameEmail.status()).isEqualTo(409);
        assertThat(sameInternalId.status()).isEqualTo(409);
        assertThat(details("customer_id", "CRM-2").data().get(0).get("name").asString()).isEqualTo("Bia");
        assertThat(ownEmailOtherCase.status()).isEqualTo(200);
        assertThat(ownEmailOtherCase.data().get("email").asString()).isEqualTo("BIA@example.com");
    }

    @Test
    void aFailedUpdateChangesNothing() {
        String plan = defineField("Plano", false);
        create("customer_id", "CRM-1", "name", "Ana", "custom_field[" + plan + "]", "Ouro");
        var before = details("customer_id", "CRM-1").data().get(0);

        assertThat(tenant.writer().post("/customer/update", "customer_id", "CRM-1", "name", "Changed", "language", "klingon")
                .status()).isEqualTo(400);
        assertThat(tenant.writer().post("/customer/update", "customer_id", "CRM-1", "name", "Changed",
                "custom_field[" + plan + "]", "Prata", "organization_id", "0".repeat(32)).status()).isEqualTo(404);
        assertThat(tenant.writer().post("/customer/update", "customer_id", "CRM-1", "name", "Changed",
                "custom_field[" + "a".repeat(32) + "]", "x").status()).isEqualTo(400);

        assertThat(details("customer_id", "CRM-1").data().get(0)).isEqualTo(before);
    }

    @Test
    void updateNeedsACustomerIdAndAnswers404ForAnUnknownOne() {
        assertThat(tenant.writer().post("/customer/update", "name", "X").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/customer/update", "customer_id", "nobody", "name", "X").status()).isEqualTo(404);
        assertThat(tenant.writer().post("/customer/update", "customer_id", "nobody@example.com", "customer_type_id", "E",
                "name", "X").status()).isEqualTo(404);
        assertThat(tenant.writer().post("/customer/update", "customer_id", "x", "customer_type_id", "Q").status()).isEqualTo(400);
    }

    // --- /customer/list

    @Test
    void anEmptyListHasSizeAndPagesZero() {
        var empty = tenant.reader().get("/customer/list");

        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("size").asInt()).isZero();
        assertThat(empty.json().get("pages").asInt()).isZero();
        assertThat(empty.data().isArray()).isTrue();
        assertThat(empty.data().size()).isZero();
    }

    @Test
    void pagesFiftyCustomersAtATimeInCreationOrder() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            created.add(create("customer_id", "c" + i, "name", "Customer " + i).id());
        }

        var first = tenant.reader().get("/customer/list");
        var second = tenant.reader().get("/customer/list", "page", "2");

        assertThat(first.json().get("size").asInt()).isEqualTo(55);
        assertThat(first.json().get("pages").asInt()).isEqualTo(2);
        assertThat(first.json().get("current_page").asInt()).isEqualTo(1);
        assertThat(first.json().get("next_page").asInt()).isEqualTo(2);
        assertThat(first.json().get("previous_page").isNull()).isTrue();
        assertThat(first.data().size()).isEqualTo(50);
        assertThat(second.data().size()).isEqualTo(5);
        assertThat(second.json().get("next_page").isNull()).isTrue();
        assertThat(second.json().get("previous_page").asInt()).isEqualTo(1);
        List<String> listed = new ArrayList<>();
        first.data().forEach(item -> listed.add(item.get("id").asString()));
        second.data().forEach(item -> listed.add(item.get("id").asString()));
        assertThat(listed).containsExactlyElementsOf(created);
        assertThat(tenant.reader().get("/customer/list", "page", "3").status()).isEqualTo(404);
        assertThat(tenant.reader().get("/customer/list", "page", "0").status()).isEqualTo(400);
        assertThat(tenant.reader().get("/customer/list", "page", "two").status()).isEqualTo(400);
    }

    @Test
    void listShowsCustomFieldsOnlyWhenAskedAndOtherwiseAnEmptyArray() {
        String plan = defineField("Plano", false);
        create("customer_id", "1", "name", "Ana", "custom_field[" + plan + "]", "Ouro");

        var plain = tenant.reader().get("/customer/list").data().get(0);
        var withFields = tenant.reader().get("/customer/list", "show_custom_fields", "1").data().get(0);

        assertThat(plain.get("custom_fields").isArray()).isTrue();
        assertThat(plain.get("custom_fields").size()).isZero();
        assertThat(withFields.get("custom_fields").get(0).get("name").asString()).isEqualTo("Plano");
        assertThat(withFields.get("custom_fields").get(0).get("value").asString()).isEqualTo("Ouro");
        assertThat(tenant.reader().get("/customer/list", "show_custom_fields", "perhaps").status()).isEqualTo(400);
    }

    @Test
    void filtersByOrganizationIncludingChildOrganizations() {
        String parent = tenant.writer().post("/organization/new", "name", "Holding").id();
        String child = tenant.writer().post("/organization/new", "name", "Filial", "parent_id", parent).id();
        String other = tenant.writer().post("/organization/new", "name", "Outra").id();
        String inParent = create("customer_id", "1", "name", "Ana", "organization_id", parent).id();
        String inChild = create("customer_id", "2", "name", "Bia", "organization_id", child).id();
        create("customer_id", "3", "name", "Caio", "organization_id", other);
        create("customer_id", "4", "name", "Duda");

        assertThat(ids(tenant.reader().get("/customer/list", "organization_id", parent))).containsExactly(inParent, inChild);
        assertThat(ids(tenant.reader().get("/customer/list", "organization_id", child))).containsExactly(inChild);
        assertThat(tenant.reader().get("/customer/list", "organization_id", "0".repeat(32)).status()).isEqualTo(404);
    }

    @Test
    void searchesByNameWordEmailDomainAndInternalIdIgnoringCaseAndAccents() {
        String joao = create("customer_id", "CRM-100", "name", "João da Silva", "email", "joao@acme.com.br").id();
        String maria = create("customer_id", "ERP-200", "name", "Maria Souza", "email", "maria@exemplo.com").id();
        String zoe = create("customer_id", "x_1", "name", "Zoë 100%").id();

        assertThat(search("joao")).containsExactly(joao);
        assertThat(search("SILV")).containsExactly(joao);
        assertThat(search("joão da s")).containsExactly(joao);
        assertThat(search("maria@")).containsExactly(maria);
        assertThat(search("acme.com")).containsExactly(joao);
        assertThat(search("crm-1")).containsExactly(joao);
        assertThat(search("erp")).containsExactly(maria);
        assertThat(search("zoe")).containsExactly(zoe);
        assertThat(search("zoe 100%")).containsExactly(zoe);
        assertThat(search("x_")).containsExactly(zoe);
        assertThat(search("s")).containsExactly(joao, maria);
        assertThat(search("%")).isEmpty();
        assertThat(search("ilva")).isEmpty();
        var none = tenant.reader().get("/customer/list", "search", "nobody");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().get("size").asInt()).isZero();
        assertThat(none.json().get("pages").asInt()).isZero();
        assertThat(tenant.reader().get("/customer/list", "search", "s".repeat(251)).status()).isEqualTo(400);
    }

    @Test
    void searchesNamesInAnyScript() {
        String zhukov = create("customer_id", "1", "name", "Георгий Жуков").id();
        create("customer_id", "2", "name", "Зоя");
        String tanaka = create("customer_id", "3", "name", "田中 太郎").id();

        assertThat(search("жу")).containsExactly(zhukov);
        assertThat(search("ЖУКОВ")).containsExactly(zhukov);
        assertThat(search("田中")).containsExactly(tanaka);
        assertThat(search("太")).containsExactly(tanaka);
    }

    @Test
    void searchFollowsChangesOfNameEmailAndInternalId() {
        String id = create("customer_id", "old-id", "name", "Antigo Nome", "email", "antigo@example.com").id();

        tenant.writer().post("/customer/update", "customer_id", "antigo@example.com", "customer_type_id", "E",
                "internal_id", "new-id", "name", "Novo Nome", "email", "novo@example.org");

        assertThat(search("antigo")).isEmpty();
        assertThat(search("old")).isEmpty();
        assertThat(search("novo")).containsExactly(id);
        assertThat(search("example.org")).containsExactly(id);
        assertThat(search("new-id")).containsExactly(id);
    }

    @Test
    void searchAndOrganizationFiltersCombine() {
        String acme = tenant.writer().post("/organization/new", "name", "Acme").id();
        String inAcme = create("customer_id", "1", "name", "Ana Acme", "organization_id", acme).id();
        create("customer_id", "2", "name", "Ana Outra");

        assertThat(ids(tenant.reader().get("/customer/list", "organization_id", acme, "search", "ana"))).containsExactly(inAcme);
    }

    // --- access and tenants

    @Test
    void writesNeedAWriteTokenAndEverythingNeedsAToken() {
        create("customer_id", "CRM-1", "name", "Ana");

        assertThat(tenant.reader().post("/customer/new", "customer_id", "2", "name", "X").status()).isEqualTo(403);
        assertThat(tenant.reader().post("/customer/update", "customer_id", "CRM-1", "name", "X").status()).isEqualTo(403);
        assertThat(tenant.anonymous().post("/customer/new", "customer_id", "2", "name", "X").status()).isEqualTo(401);
        assertThat(tenant.anonymous().post("/customer/update", "customer_id", "CRM-1", "name", "X").status()).isEqualTo(401);
        assertThat(tenant.anonymous().get("/customer/list").status()).isEqualTo(401);
        assertThat(tenant.anonymous().get("/customer/details", "customer_id", "CRM-1").status()).isEqualTo(401);
        assertThat(tenant.anonymous().get("/customer/exists", "customer_id", "CRM-1").status()).isEqualTo(401);
        assertThat(tenant.anonymous().get("/customers/exists", "customer_id", "CRM-1").status()).isEqualTo(401);
        assertThat(tenant.admin().post("/customer/update", "customer_id", "CRM-1", "phone", "1").status()).isEqualTo(200);
        assertThat(tenant.reader().withBareToken().get("/customer/list").status()).isEqualTo(200);
        assertThat(listSize()).isEqualTo(1);
        assertThat(details("customer_id", "CRM-1").data().get(0).get("name").asString()).isEqualTo("Ana");
    }

    @Test
    void wrongMethodsAreRefused() {
        assertThat(tenant.writer().get("/customer/new").status()).isEqualTo(405);
        assertThat(tenant.writer().post("/customer/list").status()).isEqualTo(405);
    }

    @Test
    void anotherAccountSeesNoneOfItAndGets404ForItsIds() {
        String organization = tenant.writer().post("/organization/new", "name", "Acme").id();
        String id = create("customer_id", "CRM-1", "name", "Ana", "email", "ana@example.com", "organization_id", organization).id();
        var other = tenants.create();

        assertThat(other.reader().get("/customer/list").json().get("size").asInt()).isZero();
        assertThat(other.reader().get("/customer/list", "search", "ana").json().get("size").asInt()).isZero();
        assertThat(other.reader().get("/customer/list", "organization_id", organization).status()).isEqualTo(404);
        assertThat(other.reader().get("/customer/details", "customer_id", "CRM-1").status()).isEqualTo(404);
        assertThat(other.reader().get("/customer/details", "customer_id", id).status()).isEqualTo(404);
        assertThat(other.reader().get("/customer/details", "customer_id", "ana@example.com", "customer_type_id", "E").status())
                .isEqualTo(404);
        assertThat(other.reader().get("/customer/exists", "customer_id", id).data().asBoolean()).isFalse();
        assertThat(other.reader().get("/customers/exists", "customer_id", "CRM-1").data().asBoolean()).isFalse();
        assertThat(other.writer().post("/customer/update", "customer_id", id, "name", "Hijacked").status()).isEqualTo(404);
        assertThat(other.writer().post("/customer/new", "customer_id", "X", "name", "X", "organization_id", organization).status())
                .isEqualTo(404);
        String field = defineField("Plano", false);
        assertThat(other.writer().post("/customer/new", "customer_id", "X", "name", "X", "custom_field[" + field + "]", "v").status())
                .isEqualTo(400);

        // The same internal id and e-mail address are free in another account.
        assertThat(other.writer().post("/customer/new", "customer_id", "CRM-1", "name", "Outra", "email", "ana@example.com").status())
                .isEqualTo(200);
        assertThat(details("customer_id", "CRM-1").data().get(0).get("name").asString()).isEqualTo("Ana");
    }

    // --- helpers

    private ApiResponse create(String... params) {
        return tenant.writer().post("/customer/new", params);
    }

    private ApiResponse details(String... params) {
        return tenant.reader().get("/customer/details", params);
    }

    private String detailsId(String... params) {
        var response = details(params);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.data().get(0).get("id").asString();
    }

    private int listSize() {
        return tenant.reader().get("/customer/list").json().get("size").asInt();
    }

    private List<String> search(String text) {
        return ids(tenant.reader().get("/customer/list", "search", text));
    }

    private static List<String> ids(ApiResponse list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.data().forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private String defineField(String label, boolean required) {
        return customFields.define(tenant.accountId(), new DefineCustomField(label, CustomFieldEntity.CUSTOMER,
                CustomFieldType.TEXT, null, required, null, null)).id();
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.properties().forEach(member -> names.add(member.getKey()));
        return names;
    }
}
