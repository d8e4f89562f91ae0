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
 * The audit log is append-only because no code can change it: no statement anywhere in the application's sources or
 * migrations updates, deletes from or truncates {@code audit_entry}, and its repository offers only insert and read.
 */
class AuditAppendOnlyTest {

    private static final Pattern CHANGE = Pattern.compile(
            "(update\\s+audit_entry|delete\\s+from\\s+audit_entry|truncate\\s+(table\\s+)?audit_entry|merge\\s+into\\s+audit_entry"
                    + "|alter\\s+table\\s+audit_entry\\s+drop)");

    @Test
    void noSourceChangesOrRemovesAnEntry() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/java")), Files.walk(Path.of("src/main/resources")))) {
            var offenders = files.filter(Files::isRegularFile)
                    .filter(file -> file.toString().endsWith(".java") || file.toString().endsWith(".sql") || file.toString().endsWith(".xml"))
                    .filter(file -> CHANGE.matcher(read(file).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")).find())
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }

    @Test
    void theScanWouldFindAChange() {
        assertThat(CHANGE.matcher("jdbc.sql(\"delete from audit_entry where id = :id\")").find()).isTrue();
        assertThat(CHANGE.matcher("update audit_entry set action = 'x'").find()).isTrue();
        assertThat(CHANGE.matcher("insert into audit_entry (id) values (1)").find()).isFalse();
    }

    @Test
    void theRepositoryOnlyInsertsAndReads() {
        var methods = Stream.of(AuditRepository.class.getDeclaredMethods())
                .filter(method -> !method.isSynthetic() && !java.lang.reflect.Modifier.isPrivate(method.getModifiers()))
                .map(java.lang.reflect.Method::getName).toList();
        assertThat(methods).containsExactlyInAnyOrder("insert", "list");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException unreadable) {
            throw new java.io.UncheckedIOException(unreadable);
        }
    }
}
