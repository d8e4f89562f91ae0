package io.atende.customfield;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

@Repository
class CustomFieldRepository {

    private static final String COLUMNS = "id, label, entity, field_type, options, required, department_id, category_id, created_at";
    // Options are stored one per line: an option never contains a line break.
    private static final String OPTION_SEPARATOR = "\n";

    private final JdbcClient jdbc;

    CustomFieldRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String accountId, CustomFieldView field) {
        jdbc.sql("""
                insert into custom_field (account_id, id, label, entity, field_type, options, required, department_id,
                                          category_id, created_at, updated_at)
                values (:account, :id, :label, :entity, :type, :options, :required, :department, :category, :now, :now)""")
                .param("account", accountId).param("id", field.id()).param("label", field.label())
                .param("entity", field.entity().name()).param("type", field.type().name())
                .param("options", joinOptions(field.options())).param("required", field.required())
                // A category's field follows the category if it moves; its department is read from the category.
                .param("department", field.categoryId() == null ? field.departmentId() : null).param("category", field.categoryId())
                .param("now", utc(field.createdAt()))
                .update();
    }

    void update(String accountId, CustomFieldView field, Instant now) {
        jdbc.sql("""
                update custom_field set label = :label, options = :options, required = :required, updated_at = :now
                 where account_id = :account and id = :id""")
                .param("account", accountId).param("id", field.id()).param("label", field.label())
                .param("options", joinOptions(field.options())).param("required", field.required()).param("now", utc(now))
                .update();
    }

    void delete(String accountId, String id) {
        jdbc.sql("delete from custom_field where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).update();
    }

    Optional<CustomFieldView> find(String accountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from custom_field where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(CustomFieldRepository::map).optional();
    }

    List<CustomFieldView> list(String accountId) {
        return jdbc.sql("select " + COLUMNS + " from custom_field where account_id = :account order by created_at, id")
                .param("account", accountId).query(CustomFieldRepository::map).list();
    }

    List<CustomFieldView> listOf(String accountId, CustomFieldEntity entity) {
        return jdbc.sql("select " + COLUMNS + " from custom_field where account_id = :account and entity = :entity order by created_at, id")
                .param("account", accountId).param("entity", entity.name()).query(CustomFieldRepository::map).list();
    }

    boolean referencesDepartment(String accountId, String departmentId) {
        return jdbc.sql("select count(*) from custom_field where account_id = :account and department_id = :department")
                .param("account", accountId).param("department", departmentId).query(Long.class).single() > 0;
    }

    boolean referencesCategory(String accountId, String categoryId) {
        return jdbc.sql("select count(*) from custom_field where account_id = :account and category_id = :category")
                .param("account", accountId).param("category", categoryId).query(Long.class).single() > 0;
    }

    private static String joinOptions(List<String> options) {
        return options.isEmpty() ? null : String.join(OPTION_SEPARATOR, options);
    }

    private static CustomFieldView map(ResultSet rs, int rowNum) throws SQLException {
        String options = rs.getString("options");
        return new CustomFieldView(rs.getString("id"), rs.getString("label"), CustomFieldEntity.valueOf(rs.getString("entity")),
                CustomFieldType.valueOf(rs.getString("field_type")),
                options == null ? List.of() : Arrays.asList(options.split(OPTION_SEPARATOR)),
                rs.getBoolean("required"), rs.getString("department_id"), rs.getString("category_id"), instant(rs, "created_at"));
    }
}
