package io.atende.customfield;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.atende.department.DepartmentManagement;
import io.atende.platform.AtendeException;
import io.atende.platform.InvalidInputException;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * How {@link CustomFieldManagement#check} reads the values given for custom fields: by type, by
 * options, by requiredness and by where the record lives. Runs in the shared test server's
 * context, against the real database, through the module's front door.
 */
@ApiTest
class CustomFieldCheckTest {

    @Autowired
    TestTenants tenants;

    @Autowired
    CustomFieldManagement fields;

    @Autowired
    DepartmentManagement departments;

    String account;
    String finance;
    String billing;
    String refunds;
    String support;

    @BeforeEach
    void newAccountWithDepartmentsAndCategories() {
        account = tenants.create().accountId();
        finance = departments.createDepartment(account, "Financeiro").id();
        billing = departments.createCategory(account, finance, "Boletos").id();
        refunds = departments.createCategory(account, finance, "Reembolsos").id();
        support = departments.createDepartment(account, "Suporte").id();
    }

    @Test
    void textIsStrippedAndBoundedBy250Characters() {
        String field = define("Nota", CustomFieldType.TEXT, false);

        assertThat(valueOf(check(Map.of(field, "  olá  ")))).isEqualTo("olá");
        assertThat(valueOf(check(Map.of(field, "x".repeat(250))))).hasSize(250);
        assertRefused(field, "parameter.too_long", () -> check(Map.of(field, "x".repeat(251))));
    }

    @Test
    void textareaTakesUpTo10000Characters() {
        String field = define("Descrição", CustomFieldType.TEXTAREA, false);

        assertThat(valueOf(check(Map.of(field, "linha 1\nlinha 2")))).isEqualTo("linha 1\nlinha 2");
        assertThat(valueOf(check(Map.of(field, "x".repeat(10_000))))).hasSize(10_000);
        assertRefused(field, "parameter.too_long", () -> check(Map.of(field, "x".repeat(10_001))));
    }

    @Test
    void numbersArePlainDecimalsWithPointOrComma() {
        String field = define("Valor", CustomFieldType.NUMBER, false);

        assertThat(valueOf(check(Map.of(field, "1234,50")))).isEqualTo("1234.50");
        assertThat(valueOf(check(Map.of(field, "-7")))).isEqualTo("-7");
        assertThat(valueOf(check(Map.of(field, "+0.5")))).isEqualTo("0.5");
        for (String notANumber : List.of("abc", "1.000,50", "1e5", "1e999999999", "NaN", "12 34")) {
            assertRefused(field, "custom_field.not_a_number", () -> check(Map.of(field, notANumber)));
        }
    }

    @Test
    void datesAreIsoOrBrazilianAndMustExist() {
        String field = define("Vencimento", CustomFieldType.DATE, false);

        assertThat(valueOf(check(Map.of(field, "2026-08-21")))).isEqualTo("2026-08-21");
        assertThat(valueOf(check(Map.of(field, "21/08/2026")))).isEqualTo("2026-08-21");
        for (String notADate : List.of("2026-02-30", "31/04/2026", "08/21/2026", "amanhã", "2026-08-21 10:00")) {
            assertRefused(field, "custom_field.not_a_date", () -> check(Map.of(field, notADate)));
        }
    }

    @Test
    void selectTakesOneOfItsOptionsIgnoringCaseAndGivesItsSpelling() {
        String field = fields.define(account, new DefineCustomField("Plano", CustomFieldEntity.TICKET, CustomFieldType.SELECT,
                List.of("Básico", "Pro"), false, null, null)).id();

        assertThat(valueOf(check(Map.of(field, " pro ")))).isEqualTo("Pro");
        var refused = assertRefused(field, "custom_field.not_an_option", () -> check(Map.of(field, "Empresa")));
        assertThat(refused.arguments()).contains("Básico, Pro");
    }

    @Test
    void checkboxIsOneOrZero() {
        String field = define("Aceita contato", CustomFieldType.CHECKBOX, false);

        assertThat(valueOf(check(Map.of(field, "sim")))).isEqualTo("1");
        assertThat(valueOf(check(Map.of(field, "true")))).isEqualTo("1");
        assertThat(valueOf(check(Map.of(field, "0")))).isEqualTo("0");
        assertThat(valueOf(check(Map.of(field, "")))).as("sent but unticked").isEqualTo("0");
        assertThat(check(Map.of())).as("not sent").isEmpty();
        assertRefused(field, "parameter.not_boolean", () -> check(Map.of(field, "talvez")));
    }

    @Test
    void requiredFieldsMustBeFilledWhenEnforced() {
        String required = define("Contrato", CustomFieldType.TEXT, true);
        String optional = define("Observação", CustomFieldType.TEXT, false);

        var missing = assertRefused(required, "custom_field.required", () -> check(Map.of(optional, "x")));
        assertThat(missing.arguments()).contains("Contrato");
        assertRefused(required, "custom_field.required", () -> check(Map.of(required, "   ")));
        assertThat(fields.check(account, CustomFieldEntity.TICKET, finance, billing, Map.of(optional, "x"), false))
                .extracting(CustomFieldValue::fieldId).containsExactly(optional);
        assertThat(check(Map.of(required, "C-1"))).extracting(CustomFieldValue::value).containsExactly("C-1");
    }

    @Test
    void blankOptionalValuesAreLeftOut() {
        String text = define("Observação", CustomFieldType.TEXT, false);
        String number = define("Valor", CustomFieldType.NUMBER, false);

        assertThat(check(Map.of(text, "  ", number, ""))).isEmpty();
    }

    @Test
    void valuesComeBackInFieldOrderWithLabels() {
        String first = define("Primeiro", CustomFieldType.TEXT, false);
        String second = define("Segundo", CustomFieldType.TEXT, false);
        Map<String, String> given = new LinkedHashMap<>();
        given.put(second, "b");
        given.put(first, "a");

        assertThat(check(given)).containsExactly(new CustomFieldValue(first, "Primeiro", "a"),
                new CustomFieldValue(second, "Segundo", "b"));
    }

    @Test
    void fieldsApplyByDepartmentAndCategory() {
        String general = define("Geral", CustomFieldType.TEXT, true);
        String financeField = place("Financeiro", finance, null);
        String billingField = place("Boletos", null, billing);
        String supportField = place("Suporte", support, null);

        assertThat(fields.applicable(account, CustomFieldEntity.TICKET, finance, billing)).extracting(CustomFieldView::id)
                .containsExactly(general, financeField, billingField);
        assertThat(fields.applicable(account, CustomFieldEntity.TICKET, finance, refunds)).extracting(CustomFieldView::id)
                .containsExactly(general, financeField);
        assertThat(fields.applicable(account, CustomFieldEntity.TICKET, finance, null)).extracting(CustomFieldView::id)
                .containsExactly(general, financeField);
        assertThat(fields.applicable(account, CustomFieldEntity.TICKET, support, null)).extracting(CustomFieldView::id)
                .containsExactly(general, supportField);

        Map<String, String> allThree = Map.of(general, "g", financeField, "f", billingField, "b");
        assertThat(check(allThree)).hasSize(3);
        assertRefused(billingField, "custom_field.unknown",
                () -> fields.check(account, CustomFieldEntity.TICKET, finance, refunds, allThree, true));
        assertRefused(supportField, "custom_field.unknown", () -> check(Map.of(general, "g", supportField, "s")));
    }

    @Test
    void unknownIdsAndOtherEntitiesFieldsAreRefused() {
        String customerField = fields.define(account, new DefineCustomField("CPF", CustomFieldEntity.CUSTOMER, CustomFieldType.TEXT,
                List.of(), false, null, null)).id();
        String finishField = fields.define(account, new DefineCustomField("Solução", CustomFieldEntity.TICKET_FINISH,
                CustomFieldType.TEXT, List.of(), false, null, null)).id();

        assertRefused("0".repeat(32), "custom_field.unknown", () -> check(Map.of("0".repeat(32), "x")));
        assertRefused(customerField, "custom_field.unknown", () -> check(Map.of(customerField, "x")));
        assertRefused(finishField, "custom_field.unknown", () -> check(Map.of(finishField, "x")));
        assertThat(fields.check(account, CustomFieldEntity.CUSTOMER, null, null, Map.of(customerField, "123"), true))
                .extracting(CustomFieldValue::value).containsExactly("123");
    }

    @Test
    void anotherAccountsFieldsAreUnknown() {
        String field = define("Nota", CustomFieldType.TEXT, false);
        String otherAccount = tenants.create().accountId();

        var failure = assertThrows(InvalidInputException.class, () -> fields.check(otherAccount, CustomFieldEntity.TICKET, null, null,
                Map.of(field, "x"), true));
        assertThat(failure.messageKey()).isEqualTo("custom_field.unknown");
    }

    @Test
    void aCategoryFieldAppliesWhereverItsCategoryMoves() {
        String billingField = place("Boletos", null, billing);

        departments.updateCategory(account, billing, support, null);

        assertThat(fields.applicable(account, CustomFieldEntity.TICKET, support, billing)).extracting(CustomFieldView::id)
                .containsExactly(billingField);
        assertThat(fields.applicable(account, CustomFieldEntity.TICKET, finance, refunds)).isEmpty();
        assertThat(fields.get(account, billingField).departmentId()).isEqualTo(support);
    }

    @Test
    void optionsAreCleanedAndBounded() {
        var field = fields.define(account, new DefineCustomField("Plano", CustomFieldEntity.TICKET, CustomFieldType.SELECT,
                List.of(" Básico ", "básico", "", "Pro\nanual"), false, null, null));
        assertThat(field.options()).containsExactly("Básico", "Pro anual");

        assertDefinitionRefused("custom_field.options_required", CustomFieldType.SELECT, List.of(" "));
        assertDefinitionRefused("custom_field.options_only_for_select", CustomFieldType.NUMBER, List.of("1"));
        assertDefinitionRefused("parameter.too_long", CustomFieldType.SELECT, List.of("x".repeat(251)));
        var hundredAndOne = IntStream.rangeClosed(0, 100).mapToObj(i -> "Opção " + i).toList();
        assertDefinitionRefused("custom_field.too_many_options", CustomFieldType.SELECT, hundredAndOne);
        var long17 = IntStream.range(0, 17).mapToObj(i -> i + "x".repeat(240)).toList();
        assertDefinitionRefused("custom_field.options_too_long", CustomFieldType.SELECT, long17);
        assertThat(fields.list(account)).extracting(CustomFieldView::id).containsExactly(field.id());
    }

    private String define(String label, CustomFieldType type, boolean required) {
        return fields.define(account, new DefineCustomField(label, CustomFieldEntity.TICKET, type, List.of(), required, null, null)).id();
    }

    private String place(String label, String departmentId, String categoryId) {
        return fields.define(account, new DefineCustomField(label, CustomFieldEntity.TICKET, CustomFieldType.TEXT, List.of(), false,
                departmentId, categoryId)).id();
    }

    /** Values for a ticket of the billing category of the finance department, required fields enforced. */
    private List<CustomFieldValue> check(Map<String, String> given) {
        return fields.check(account, CustomFieldEntity.TICKET, finance, billing, given, true);
    }

    private static String valueOf(List<CustomFieldValue> values) {
        assertThat(values).hasSize(1);
        return values.get(0).value();
    }

    private static AtendeException assertRefused(String fieldId, String messageKey, Executable check) {
        var failure = assertThrows(InvalidInputException.class, check);
        assertThat(failure.messageKey()).isEqualTo(messageKey);
        assertThat(failure.parameter()).isEqualTo("custom_field[" + fieldId + "]");
        return failure;
    }

    private void assertDefinitionRefused(String messageKey, CustomFieldType type, List<String> options) {
        var failure = assertThrows(InvalidInputException.class, () -> fields.define(account,
                new DefineCustomField("X", CustomFieldEntity.TICKET, type, options, false, null, null)));
        assertThat(failure.messageKey()).isEqualTo(messageKey);
        assertThat(failure.parameter()).isEqualTo("options");
        assertThat(Collections.frequency(fields.list(account).stream().map(CustomFieldView::label).toList(), "X")).isZero();
    }
}
