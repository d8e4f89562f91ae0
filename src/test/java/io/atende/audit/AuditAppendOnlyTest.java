package io.atende.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log is append-only: no statement anywhere in the application's sources or migrations deletes from,
 * truncates or drops {@code audit_entry}, and the one that updates it is the erasure of a customer's data
 * (docs/data-protection.md), which only blanks an entry's recorded fields and renames the erased actor: the entry, its
 * time, action and subject stay.
 */
class AuditAppendOnlyTest {

    private static final Pattern REMOVAL = Pattern.compile(
            "(delete\\s+from\\s+audit_entry|truncate\\s+(table\\s+)?audit_entry|merge\\s+into\\s+audit_entry"
                    + "|alter\\s+table\\s+audit_entry\\s+drop|drop\\s+table\\s+audit_entry)");
    private static final Pattern UPDATE = Pattern.compile("update\\s+audit_entry\\s+set\\s+([^\"]*?)\\s+where");

    @Test
    void noSourceRemovesAnEntryAndOnlyTheErasureChangesOne() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/java")), Files.walk(Path.of("src/main/resources")))) {
            var sources = files.filter(Files::isRegularFile)
                    .filter(file -> file.toString().endsWith(".java") || file.toString().endsWith(".sql") || file.toString().endsWith(".xml"))
                    .toList();
            assertThat(sources.stream().filter(file -> REMOVAL.matcher(normalized(file)).find()).toList()).isEmpty();
            var updating = sources.stream().filter(file -> UPDATE.matcher(normalized(file)).find()).toList();
            assertThat(updating).extracting(file -> file.getFileName().toString()).containsExactly("AuditRepository.java");
            var update = UPDATE.matcher(normalized(updating.get(0)));
            assertThat(update.find()).isTrue();
            assertThat(update.group(1)).as("the fields an erasure blanks; never the time, action, subject or kind of actor")
                    .isEqualTo("before_state = null, after_state = null, actor_name = case when actor_id in (:ids) then :neutral else actor_name end");
            assertThat(update.find()).as("one update statement").isFalse();
        }
    }

    @Test
    void theScanWouldFindAChange() {
        assertThat(REMOVAL.matcher("jdbc.sql(\"delete from audit_entry where id = :id\")").find()).isTrue();
        assertThat(REMOVAL.matcher("truncate table audit_entry").find()).isTrue();
        assertThat(UPDATE.matcher("update audit_entry set action = 'x' where id = 1").find()).isTrue();
        assertThat(REMOVAL.matcher("insert into audit_entry (id) values (1)").find()).isFalse();
    }

    @Test
    void theRepositoryInsertsReadsAndForgetsErasedSubjectsOnly() {
        var methods = Stream.of(AuditRepository.class.getDeclaredMethods())
                .filter(method -> !method.isSynthetic() && !java.lang.reflect.Modifier.isPrivate(method.getModifiers()))
                .map(java.lang.reflect.Method::getName).toList();
        assertThat(methods).containsExactlyInAnyOrder("insert", "list", "forgetSubjects");
    }

    private static String normalized(Path file) {
        return read(file).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException unreadable) {
            throw new java.io.UncheckedIOException(unreadable);
        }
    }
}
