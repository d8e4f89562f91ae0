package io.atende.customfield;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import io.atende.platform.TableStatistics;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes custom field definitions brought from another help desk under the ids they had there, publishing nothing.
 * The values stay as the source stored them: they were checked there, against the same definitions.
 */
@Service
public class CustomFieldImports {

    private final CustomFieldRepository fields;
    private final TableStatistics statistics;
    private final Clock clock;

    CustomFieldImports(CustomFieldRepository fields, TableStatistics statistics, Clock clock) {
        this.fields = fields;
        this.statistics = statistics;
        this.clock = clock;
    }

    /**
     * A definition as the source shows it; its department and category must already be in the account. What a
     * definition cannot change once made (its entity, type, department and category) stays as first imported.
     *
     * @return whether anything was written (false: the account had it so already)
     */
    @Transactional
    public boolean importField(String accountId, CustomFieldView field) {
        var existing = fields.find(accountId, field.id());
        if (existing.isEmpty()) {
            fields.insert(accountId, field);
            return true;
        }
        var had = existing.get();
        if (had.label().equals(field.label()) && had.options().equals(field.options()) && had.required() == field.required()) {
            return false;
        }
        fields.update(accountId, field, clock.instant());
        return true;
    }

    /** The ids of the account's fields of the entity. */
    @Transactional(readOnly = true)
    public List<String> ids(String accountId, CustomFieldEntity entity) {
        return fields.listOf(accountId, entity).stream().map(CustomFieldView::id).filter(Objects::nonNull).toList();
    }

    /** Refreshes the database's statistics of the table imports write (after a large import). */
    public void refreshStatistics() {
        statistics.refresh(List.of("custom_field"));
    }
}
