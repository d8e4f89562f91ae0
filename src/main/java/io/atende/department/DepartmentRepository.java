package io.atende.department;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.atende.platform.Keys;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

@Repository
class DepartmentRepository {

    private final JdbcClient jdbc;

    DepartmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertDepartment(String accountId, DepartmentView department) {
        jdbc.sql("""
                insert into department (account_id, id, name, name_key, created_at, updated_at, assignment, max_open_per_operator)
                values (:account, :id, :name, :key, :now, :now, :assignment, :cap)""")
                .param("account", accountId).param("id", department.id()).param("name", department.name())
                .param("assignment", department.assignment().name()).param("cap", department.maxOpenPerOperator())
                .param("key", Keys.of(department.name())).param("now", utc(department.createdAt()))
                .update();
    }

    void updateDepartment(String accountId, DepartmentView department, Instant now) {
        jdbc.sql("""
                update department set name = :name, name_key = :key, assignment = :assignment, max_open_per_operator = :cap,
                       updated_at = :now
                 where account_id = :account and id = :id""")
                .param("account", accountId).param("id", department.id()).param("name", department.name())
                .param("key", Keys.of(department.name())).param("assignment", department.assignment().name())
                .param("cap", department.maxOpenPerOperator()).param("now", utc(now)).update();
    }

    /** The departments whose tickets are assigned automatically, by id. */
    java.util.Map<String, DepartmentView> automaticDepartments(String accountId) {
        var byId = new java.util.LinkedHashMap<String, DepartmentView>();
        jdbc.sql("""
                select id, name, created_at, assignment, max_open_per_operator from department
                 where account_id = :account and assignment <> 'MANUAL'""")
                .param("account", accountId).query(DepartmentRepository::department).list()
                .forEach(department -> byId.put(department.id(), department));
        return java.util.Collections.unmodifiableMap(byId);
    }

    void deleteDepartment(String accountId, String id) {
        jdbc.sql("delete from department_operator where account_id = :account and department_id = :id")
                .param("account", accountId).param("id", id).update();
        jdbc.sql("delete from category where account_id = :account and department_id = :id")
                .param("account", accountId).param("id", id).update();
        jdbc.sql("delete from department where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).update();
    }

    Optional<DepartmentView> findDepartment(String accountId, String id) {
        return jdbc.sql("select id, name, created_at, assignment, max_open_per_operator from department where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(DepartmentRepository::department).optional();
    }

    boolean departmentNameTaken(String accountId, String name, String exceptId) {
        return jdbc.sql("select count(*) from department where account_id = :account and name_key = :key and id <> :except")
                .param("account", accountId).param("key", Keys.of(name)).param("except", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    List<DepartmentView> listDepartments(String accountId) {
        return jdbc.sql("select id, name, created_at, assignment, max_open_per_operator from department where account_id = :account order by name_key, id")
                .param("account", accountId).query(DepartmentRepository::department).list();
    }

    void insertCategory(String accountId, CategoryView category) {
        jdbc.sql("""
                insert into category (account_id, id, department_id, name, name_key, created_at, updated_at)
                values (:account, :id, :department, :name, :key, :now, :now)""")
                .param("account", accountId).param("id", category.id()).param("department", category.departmentId())
                .param("name", category.name()).param("key", Keys.of(category.name())).param("now", utc(category.createdAt()))
                .update();
    }

    void updateCategory(String accountId, CategoryView category, Instant now) {
        jdbc.sql("""
                update category set department_id = :department, name = :name, name_key = :key, updated_at = :now
                 where account_id = :account and id = :id""")
                .param("account", accountId).param("id", category.id()).param("department", category.departmentId())
                .param("name", category.name()).param("key", Keys.of(category.name())).param("now", utc(now))
                .update();
    }

    void deleteCategory(String accountId, String id) {
        jdbc.sql("delete from category where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).update();
    }

    Optional<CategoryView> findCategory(String accountId, String id) {
        return jdbc.sql("select id, department_id, name, created_at from category where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(DepartmentRepository::category).optional();
    }

    boolean categoryNameTaken(String accountId, String departmentId, String name, String exceptId) {
        return jdbc.sql("""
                select count(*) from category
                 where account_id = :account and department_id = :department and name_key = :key and id <> :except""")
                .param("account", accountId).param("department", departmentId).param("key", Keys.of(name))
                .param("except", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    List<CategoryView> listCategories(String accountId, String departmentId) {
        var sql = "select id, department_id, name, created_at from category where account_id = :account"
                + (departmentId == null ? "" : " and department_id = :department") + " order by name_key, id";
        var statement = jdbc.sql(sql).param("account", accountId);
        if (departmentId != null) {
            statement = statement.param("department", departmentId);
        }
        return statement.query(DepartmentRepository::category).list();
    }

    boolean addMember(String accountId, String departmentId, String operatorId, Instant now) {
        return jdbc.sql("""
                insert into department_operator (account_id, department_id, operator_id, created_at)
                values (:account, :department, :operator, :now) on conflict do nothing""")
                .param("account", accountId).param("department", departmentId).param("operator", operatorId)
                .param("now", utc(now)).update() == 1;
    }

    boolean removeMember(String accountId, String departmentId, String operatorId) {
        return jdbc.sql("delete from department_operator where account_id = :account and department_id = :department and operator_id = :operator")
                .param("account", accountId).param("department", departmentId).param("operator", operatorId)
                .update() == 1;
    }

    boolean isMember(String accountId, String departmentId, String operatorId) {
        return jdbc.sql("""
                select count(*) from department_operator
                 where account_id = :account and department_id = :department and operator_id = :operator""")
                .param("account", accountId).param("department", departmentId).param("operator", operatorId)
                .query(Long.class).single() > 0;
    }

    /** Those of the operators who work in the department, in one read. */
    Set<String> membersAmong(String accountId, String departmentId, Collection<String> operatorIds) {
        if (operatorIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                select operator_id from department_operator
                 where account_id = :account and department_id = :department and operator_id in (:operators)""")
                .param("account", accountId).param("department", departmentId).param("operators", operatorIds)
                .query(String.class).list());
    }

    /** The departments the operator works in (department_operator_by_operator_idx). */
    Set<String> departmentIdsOf(String accountId, String operatorId) {
        return new HashSet<>(jdbc.sql("select department_id from department_operator where account_id = :account and operator_id = :operator")
                .param("account", accountId).param("operator", operatorId).query(String.class).list());
    }

    /** Pairs of (department id, operator id), for one department or, with {@code null}, all of them. */
    List<String[]> members(String accountId, String departmentId) {
        var sql = "select department_id, operator_id from department_operator where account_id = :account"
                + (departmentId == null ? "" : " and department_id = :department");
        var statement = jdbc.sql(sql).param("account", accountId);
        if (departmentId != null) {
            statement = statement.param("department", departmentId);
        }
        return statement.query((rs, rowNum) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    }

    private static DepartmentView department(ResultSet rs, int rowNum) throws SQLException {
        int stored = rs.getInt("max_open_per_operator");
        Integer cap = rs.wasNull() ? null : stored;
        return new DepartmentView(rs.getString("id"), rs.getString("name"), instant(rs, "created_at"),
                AssignmentMode.valueOf(rs.getString("assignment")), cap);
    }

    private static CategoryView category(ResultSet rs, int rowNum) throws SQLException {
        return new CategoryView(rs.getString("id"), rs.getString("department_id"), rs.getString("name"), instant(rs, "created_at"));
    }
}
