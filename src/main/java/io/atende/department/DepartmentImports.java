package io.atende.department;

import java.time.Clock;
import java.util.List;

import io.atende.platform.TableStatistics;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes departments, categories and memberships brought from another help desk under the ids they had there. Meant
 * for an import only: it publishes no event and records no audit entry per object (the import job is the record),
 * and it checks no more than the database's keys enforce. An object imported again takes the source's name.
 */
@Service
public class DepartmentImports {

    private final DepartmentRepository departments;
    private final Clock clock;
    private final TableStatistics statistics;

    DepartmentImports(DepartmentRepository departments, Clock clock, TableStatistics statistics) {
        this.statistics = statistics;
        this.departments = departments;
        this.clock = clock;
    }

    /** @return whether anything was written (false: the account had the department so already) */
    @Transactional
    public boolean importDepartment(String accountId, String id, String name) {
        var existing = departments.findDepartment(accountId, id);
        if (existing.isEmpty()) {
            departments.insertDepartment(accountId, new DepartmentView(id, name, clock.instant(), AssignmentMode.MANUAL, null));
            return true;
        }
        if (existing.get().name().equals(name)) {
            return false;
        }
        var was = existing.get();
        departments.updateDepartment(accountId, new DepartmentView(id, name, was.createdAt(), was.assignment(), was.maxOpenPerOperator()),
                clock.instant());
        return true;
    }

    /**
     * A category of a department already imported.
     *
     * @return whether anything was written
     */
    @Transactional
    public boolean importCategory(String accountId, String id, String departmentId, String name) {
        var category = new CategoryView(id, departmentId, name, clock.instant());
        var existing = departments.findCategory(accountId, id);
        if (existing.isEmpty()) {
            departments.insertCategory(accountId, category);
            return true;
        }
        if (existing.get().name().equals(name) && existing.get().departmentId().equals(departmentId)) {
            return false;
        }
        departments.updateCategory(accountId, category, clock.instant());
        return true;
    }

    /**
     * Makes an imported operator a member of an imported department.
     *
     * @return whether they were not a member yet
     */
    @Transactional
    public boolean importMembership(String accountId, String departmentId, String operatorId) {
        return departments.addMember(accountId, departmentId, operatorId, clock.instant());
    }

    /** Refreshes the database's statistics of the tables imports write (after a large import). */
    public void refreshStatistics() {
        statistics.refresh(List.of("department", "category", "department_operator"));
    }
}
