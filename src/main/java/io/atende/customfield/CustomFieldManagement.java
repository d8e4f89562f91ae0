package io.atende.customfield;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.atende.department.DepartmentDeletionVeto;
import io.atende.department.DepartmentManagement;
import io.atende.platform.Ids;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Custom field definitions and the checking of values given for them. */
@Service
public class CustomFieldManagement implements DepartmentDeletionVeto {

    static final int MAX_OPTIONS = 100;
    static final int MAX_OPTION_LENGTH = 250;
    private static final Set<String> YES = Set.of("1", "true", "y", "yes", "s", "sim", "on");
    private static final Set<String> NO = Set.of("0", "false", "n", "no", "nao", "não", "off", "");

    private final CustomFieldRepository repository;
    private final DepartmentManagement departments;
    private final Clock clock;

    CustomFieldManagement(CustomFieldRepository repository, DepartmentManagement departments, Clock clock) {
        this.repository = repository;
        this.departments = departments;
        this.clock = clock;
    }

    /**
     * Defines a field. Ticket fields may be placed in a department or a category of it (404 for
     * unknown ones, 400 for a category of another department); other entities take no placement.
     * A select field needs options.
     */
    @Transactional
    public CustomFieldView define(String accountId, DefineCustomField command) {
        String label = Inputs.requiredText("label", command.label(), 250);
        if (command.entity() == null) {
            throw new InvalidInputException("entity", "parameter.required");
        }
        if (command.type() == null) {
            throw new InvalidInputException("type", "parameter.required");
        }
        String departmentId = command.departmentId();
        String categoryId = command.categoryId();
        boolean placed = departmentId != null || categoryId != null;
        boolean ticketField = command.entity() == CustomFieldEntity.TICKET || command.entity() == CustomFieldEntity.TICKET_FINISH;
        if (placed && !ticketField) {
            throw new InvalidInputException(departmentId != null ? "department_id" : "category_id", "custom_field.placement_only_for_tickets");
        }
        if (departmentId != null) {
            departmentId = departments.getDepartment(accountId, departmentId).id();
        }
        if (categoryId != null) {
            var category = departments.getCategory(accountId, categoryId);
            if (departmentId != null && !departmentId.equals(category.departmentId())) {
                throw new InvalidInputException("category_id", "custom_field.category_outside_department");
            }
            departmentId = category.departmentId();
            categoryId = category.id();
        }
        var field = new CustomFieldView(Ids.newId(), label, command.entity(), command.type(),
                options(command.type(), command.options()), command.required(), departmentId, categoryId, clock.instant());
        repository.insert(accountId, field);
        return field;
    }

    /** Changes a field's label, options or requiredness (404 if unknown). */
    @Transactional
    public CustomFieldView change(String accountId, ChangeCustomField command) {
        var current = get(accountId, command.fieldId());
        var changed = new CustomFieldView(current.id(),
                command.label() == null ? current.label() : Inputs.requiredText("label", command.label(), 250),
                current.entity(), current.type(),
                command.options() == null ? current.options() : options(current.type(), command.options()),
                command.required() == null ? current.required() : command.required(),
                current.departmentId(), current.categoryId(), current.createdAt());
        repository.update(accountId, changed, clock.instant());
        return changed;
    }

    /** Deletes a field together with the values given for it (404 if unknown). */
    @Transactional
    public void delete(String accountId, String fieldId) {
        repository.delete(accountId, get(accountId, fieldId).id());
    }

    /** The field, or 404. */
    @Transactional(readOnly = true)
    public CustomFieldView get(String accountId, String fieldId) {
        return repository.find(accountId, fieldId).orElseThrow(() -> new NotFoundException("custom_field.not_found", fieldId));
    }

    /** Every field of the account, oldest first. */
    @Transactional(readOnly = true)
    public List<CustomFieldView> list(String accountId) {
        return repository.list(accountId);
    }

    /** The fields of one entity, oldest first. */
    @Transactional(readOnly = true)
    public List<CustomFieldView> list(String accountId, CustomFieldEntity entity) {
        return repository.listOf(accountId, entity);
    }

    /**
     * The fields of {@code entity} that apply where the record lives: general fields, the
     * department's own, and the category's own.
     */
    @Transactional(readOnly = true)
    public List<CustomFieldView> applicable(String accountId, CustomFieldEntity entity, String departmentId, String categoryId) {
        return repository.listOf(accountId, entity).stream()
                .filter(field -> field.departmentId() == null
                        || field.departmentId().equals(departmentId) && (field.categoryId() == null || field.categoryId().equals(categoryId)))
                .toList();
    }

    /**
     * Checks values given as {@code custom_field[<id>]} against the applicable fields and returns
     * them normalized, in field order. Unknown or inapplicable ids, values of the wrong type and,
     * when {@code enforceRequired}, missing required fields are refused with 400.
     */
    @Transactional(readOnly = true)
    public List<CustomFieldValue> check(String accountId, CustomFieldEntity entity, String departmentId, String categoryId,
                                        Map<String, String> given, boolean enforceRequired) {
        var fields = applicable(accountId, entity, departmentId, categoryId);
        for (String fieldId : given.keySet()) {
            if (fields.stream().noneMatch(field -> field.id().equals(fieldId))) {
                throw new InvalidInputException(parameter(fieldId), "custom_field.unknown");
            }
        }
        List<CustomFieldValue> values = new ArrayList<>();
        for (var field : fields) {
            String raw = given.get(field.id());
            boolean blank = raw == null || raw.isBlank();
            if (blank && enforceRequired && field.required()) {
                throw new InvalidInputException(parameter(field.id()), "custom_field.required", field.label());
            }
            if (!blank || given.containsKey(field.id()) && field.type() == CustomFieldType.CHECKBOX) {
                values.add(new CustomFieldValue(field.id(), field.label(), normalize(field, raw == null ? "" : raw)));
            }
        }
        return values;
    }

    @Override
    public boolean referencesDepartment(String accountId, String departmentId) {
        return repository.referencesDepartment(accountId, departmentId);
    }

    @Override
    public boolean referencesCategory(String accountId, String categoryId) {
        return repository.referencesCategory(accountId, categoryId);
    }

    private static String normalize(CustomFieldView field, String raw) {
        String value = raw.strip();
        String parameter = parameter(field.id());
        return switch (field.type()) {
            case TEXT -> Inputs.optionalText(parameter, value, 250);
            case TEXTAREA -> Inputs.optionalText(parameter, value, 10_000);
            case NUMBER -> {
                try {
                    yield new BigDecimal(value.replace(',', '.')).toPlainString();
                } catch (NumberFormatException notANumber) {
                    throw new InvalidInputException(parameter, "custom_field.not_a_number", field.label());
                }
            }
            case DATE -> {
                try {
                    yield LocalDate.parse(value).toString();
                } catch (DateTimeParseException notADate) {
                    throw new InvalidInputException(parameter, "custom_field.not_a_date", field.label());
                }
            }
            case SELECT -> field.options().stream().filter(option -> option.equalsIgnoreCase(value)).findFirst()
                    .orElseThrow(() -> new InvalidInputException(parameter, "custom_field.not_an_option", field.label(),
                            String.join(", ", field.options())));
            case CHECKBOX -> {
                String key = value.toLowerCase(Locale.ROOT);
                if (YES.contains(key)) {
                    yield "1";
                }
                if (NO.contains(key)) {
                    yield "0";
                }
                throw new InvalidInputException(parameter, "parameter.not_boolean");
            }
        };
    }

    private static List<String> options(CustomFieldType type, List<String> given) {
        var options = new LinkedHashSet<String>();
        for (String option : given) {
            String clean = Inputs.optionalText("options", Objects.requireNonNullElse(option, ""), MAX_OPTION_LENGTH);
            if (!clean.isEmpty()) {
                options.add(clean.replaceAll("[\\r\\n]+", " "));
            }
        }
        if (type == CustomFieldType.SELECT && options.isEmpty()) {
            throw new InvalidInputException("options", "custom_field.options_required");
        }
        if (type != CustomFieldType.SELECT && !options.isEmpty()) {
            throw new InvalidInputException("options", "custom_field.options_only_for_select");
        }
        if (options.size() > MAX_OPTIONS) {
            throw new InvalidInputException("options", "custom_field.too_many_options", MAX_OPTIONS);
        }
        return List.copyOf(options);
    }

    private static String parameter(String fieldId) {
        return "custom_field[" + fieldId + "]";
    }
}
