package io.atende.customfield;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.atende.audit.AuditTrail;
import io.atende.department.CategoryView;
import io.atende.department.DepartmentManagement;
import io.atende.platform.Ids;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;
import io.atende.platform.Keys;
import io.atende.platform.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Custom field definitions and the checking of values given for them. */
@Service
public class CustomFieldManagement {

    static final int MAX_LABEL_LENGTH = 250;
    static final int MAX_OPTIONS = 100;
    static final int MAX_OPTION_LENGTH = 250;
    /** The options of a field are stored together, one per line, in a column of this size. */
    static final int MAX_OPTIONS_LENGTH = 4000;
    private static final Set<String> YES = Set.of("1", "true", "y", "yes", "s", "sim", "on");
    private static final Set<String> NO = Set.of("0", "false", "n", "no", "nao", "não", "off", "");
    // Plain decimal notation only: an exponent such as 1e999999999 would expand to a billion digits.
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d{1,40}(?:[.,]\\d{1,40})?");
    // TomTicket's own screens write dates the Brazilian way; ISO is the documented form.
    private static final DateTimeFormatter BRAZILIAN_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    private final CustomFieldRepository repository;
    private final DepartmentManagement departments;
    private final Clock clock;
    private final AuditTrail audit;

    CustomFieldManagement(CustomFieldRepository repository, DepartmentManagement departments, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.repository = repository;
        this.departments = departments;
        this.clock = clock;
    }

    /**
     * Defines a field. Ticket fields may be placed in a department or a category of it (not found for
     * unknown ones, invalid for a category of another department); other entities take no placement.
     * A select field needs options; other types take none.
     */
    @Transactional
    public CustomFieldView define(String accountId, DefineCustomField command) {
        String label = Inputs.requiredText("label", command.label(), MAX_LABEL_LENGTH);
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
        audit.record(accountId, "custom_field.created", "custom_field", field.id(), null, audited(field));
        return field;
    }

    /** Changes a field's label, options or requiredness (not found if unknown). */
    @Transactional
    public CustomFieldView change(String accountId, ChangeCustomField command) {
        var current = get(accountId, command.fieldId());
        var changed = new CustomFieldView(current.id(),
                command.label() == null ? current.label() : Inputs.requiredText("label", command.label(), MAX_LABEL_LENGTH),
                current.entity(), current.type(),
                command.options() == null ? current.options() : options(current.type(), command.options()),
                command.required() == null ? current.required() : command.required(),
                current.departmentId(), current.categoryId(), current.createdAt());
        repository.update(accountId, changed, clock.instant());
        audit.record(accountId, "custom_field.updated", "custom_field", changed.id(), audited(current), audited(changed));
        return changed;
    }

    /** Deletes a field together with the values given for it (not found if unknown). */
    @Transactional
    public void delete(String accountId, String fieldId) {
        var field = get(accountId, fieldId);
        repository.delete(accountId, field.id());
        audit.record(accountId, "custom_field.deleted", "custom_field", field.id(), audited(field), null);
    }

    private static Map<String, Object> audited(CustomFieldView field) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("label", field.label());
        fields.put("entity", field.entity());
        fields.put("type", field.type());
        fields.put("options", field.options());
        fields.put("required", field.required());
        fields.put("department_id", field.departmentId());
        fields.put("category_id", field.categoryId());
        return fields;
    }

    /** The field, or not found. */
    @Transactional(readOnly = true)
    public CustomFieldView get(String accountId, String fieldId) {
        var field = repository.find(accountId, fieldId).orElseThrow(() -> new NotFoundException("custom_field.not_found", fieldId));
        if (field.categoryId() == null) {
            return field;
        }
        return inDepartment(field, departments.getCategory(accountId, field.categoryId()).departmentId());
    }

    /** Every field of the account, oldest first. */
    @Transactional(readOnly = true)
    public List<CustomFieldView> list(String accountId) {
        return placed(accountId, repository.list(accountId));
    }

    /** The fields of one entity, oldest first. */
    @Transactional(readOnly = true)
    public List<CustomFieldView> list(String accountId, CustomFieldEntity entity) {
        return placed(accountId, repository.listOf(accountId, entity));
    }

    /**
     * The fields of {@code entity} that apply where the record lives: general fields, the
     * department's own, and the category's own.
     */
    @Transactional(readOnly = true)
    public List<CustomFieldView> applicable(String accountId, CustomFieldEntity entity, String departmentId, String categoryId) {
        return list(accountId, entity).stream()
                .filter(field -> field.departmentId() == null
                        || field.departmentId().equals(departmentId) && (field.categoryId() == null || field.categoryId().equals(categoryId)))
                .toList();
    }

    /**
     * Checks values given as {@code custom_field[<id>]} against the applicable fields and returns
     * them normalized, in field order. Unknown or inapplicable ids, values of the wrong type and,
     * when {@code enforceRequired}, missing required fields are refused as invalid.
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

    /**
     * A category can move to another department, so a category's field takes its department from
     * the category as it is now, not as it was when the field was defined.
     */
    private List<CustomFieldView> placed(String accountId, List<CustomFieldView> fields) {
        if (fields.stream().allMatch(field -> field.categoryId() == null)) {
            return fields;
        }
        Map<String, String> departmentOfCategory = departments.listAllCategories(accountId).stream()
                .collect(Collectors.toMap(CategoryView::id, CategoryView::departmentId));
        return fields.stream()
                .map(field -> field.categoryId() == null ? field
                        : inDepartment(field, departmentOfCategory.getOrDefault(field.categoryId(), field.departmentId())))
                .toList();
    }

    private static CustomFieldView inDepartment(CustomFieldView field, String departmentId) {
        return new CustomFieldView(field.id(), field.label(), field.entity(), field.type(), field.options(), field.required(),
                departmentId, field.categoryId(), field.createdAt());
    }

    private static String normalize(CustomFieldView field, String raw) {
        String value = raw.strip();
        String parameter = parameter(field.id());
        return switch (field.type()) {
            case TEXT -> Inputs.optionalText(parameter, value, 250);
            case TEXTAREA -> Inputs.optionalText(parameter, value, 10_000);
            case NUMBER -> {
                if (!NUMBER.matcher(value).matches()) {
                    throw new InvalidInputException(parameter, "custom_field.not_a_number", field.label());
                }
                yield new BigDecimal(value.replace(',', '.')).toPlainString();
            }
            case DATE -> date(value).orElseThrow(() -> new InvalidInputException(parameter, "custom_field.not_a_date", field.label()))
                    .toString();
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

    private static Optional<LocalDate> date(String value) {
        for (var format : List.of(DateTimeFormatter.ISO_LOCAL_DATE, BRAZILIAN_DATE)) {
            try {
                return Optional.of(LocalDate.parse(value, format));
            } catch (DateTimeParseException notThisForm) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    private static List<String> options(CustomFieldType type, List<String> given) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String option : given) {
            String clean = Inputs.optionalText("options", Objects.requireNonNullElse(option, ""), MAX_OPTION_LENGTH)
                    .replaceAll("\\s*[\\r\\n]+\\s*", " ");
            // Values are matched to options ignoring case, so options differing only in case would be one.
            if (!clean.isEmpty()) {
                byKey.putIfAbsent(Keys.of(clean), clean);
            }
        }
        var options = List.copyOf(byKey.values());
        if (type == CustomFieldType.SELECT && options.isEmpty()) {
            throw new InvalidInputException("options", "custom_field.options_required");
        }
        if (type != CustomFieldType.SELECT && !options.isEmpty()) {
            throw new InvalidInputException("options", "custom_field.options_only_for_select");
        }
        if (options.size() > MAX_OPTIONS) {
            throw new InvalidInputException("options", "custom_field.too_many_options", MAX_OPTIONS);
        }
        if (String.join("\n", options).length() > MAX_OPTIONS_LENGTH) {
            throw new InvalidInputException("options", "custom_field.options_too_long", MAX_OPTIONS_LENGTH);
        }
        return options;
    }

    private static String parameter(String fieldId) {
        return "custom_field[" + fieldId + "]";
    }
}
