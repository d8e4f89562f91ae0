package io.atende.api.v2;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.atende.account.Caller;
import io.atende.importing.ImportKind;
import io.atende.importing.ImportManagement;
import io.atende.importing.ImportView;
import io.atende.importing.StartImport;
import io.atende.platform.InvalidInputException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import static io.atende.api.v2.ApiEndpoint.Param;

/** Importing an account's data from a TomTicket API v2.0 source (docs/api.md, Importing from TomTicket). */
@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class ImportApiV2Controller {

    private static final String TAG = "Import";
    /** The names of {@code include}: customers bring their organizations along. */
    private static final Map<String, Set<ImportKind>> INCLUDES = Map.of(
            "customers", EnumSet.of(ImportKind.ORGANIZATIONS, ImportKind.CUSTOMERS),
            "operators", EnumSet.of(ImportKind.OPERATORS),
            "departments", EnumSet.of(ImportKind.DEPARTMENTS),
            "custom_fields", EnumSet.of(ImportKind.CUSTOM_FIELDS),
            "statuses", EnumSet.of(ImportKind.STATUSES),
            "tickets", EnumSet.of(ImportKind.TICKETS),
            "chats", EnumSet.of(ImportKind.CHATS));

    private final ImportManagement imports;
    private final ApiMessages messages;

    ImportApiV2Controller(ImportManagement imports, ApiMessages messages) {
        this.imports = imports;
        this.messages = messages;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record KindWire(String kind, Integer total, int done, int imported, int unchanged, int failed, boolean finished,
                    Double rate, Long secondsLeft) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FailureWire(String kind, String objectId, String reason, String date) {
    }

    /** A running import waiting to try its source again. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RetryWire(String reason, int attempt, int maxAttempts, String nextAttemptDate) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ImportWire(String id, String sourceUrl, List<String> include, int rate, String status, String failure,
                      RetryWire waitingToRetry, String creationDate, String endDate, List<KindWire> progress, List<FailureWire> failures) {
    }

    static ImportWire wire(ImportView job, ZoneId zone, Instant now) {
        return new ImportWire(job.id(), job.sourceUrl(), job.include().stream().map(ImportApiV2Controller::kindName).toList(),
                job.rate(), job.status().name().toLowerCase(Locale.ROOT), job.failure(),
                job.retry() == null ? null : new RetryWire(job.retry().reason(), job.retry().attempt(), job.retry().maxAttempts(),
                        ApiDates.format(job.retry().nextAt(), zone)),
                ApiDates.format(job.createdAt(), zone),
                ApiDates.format(job.finishedAt(), zone),
                job.progress().stream().map(kind -> kindWire(kind, now)).toList(),
                job.failures().stream().map(failure -> new FailureWire(kindName(failure.kind()), failure.objectId(), failure.reason(),
                        ApiDates.format(failure.occurredAt(), zone))).toList());
    }

    private static KindWire kindWire(ImportView.KindProgress kind, Instant now) {
        return new KindWire(kindName(kind.kind()), kind.total(), kind.done(), kind.imported(), kind.unchanged(), kind.failed(),
                kind.finished(), kind.perSecond(now), kind.secondsLeft(now));
    }

    static String kindName(ImportKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    @PostMapping("/import/new")
    @ApiEndpoint(access = Access.ADMIN, tag = TAG, extension = true,
            summary = "Import an account's data from a TomTicket API v2.0 source (TomTicket or another Atende), keeping ids and protocols; "
                    + "runs in the background: follow it with /import/detail. Run again, it brings only what changed",
            params = {@Param(name = "source_url", required = true, description = "The source's base URL, ending in /v2.0; private "
                            + "addresses are refused unless the server allows them"),
                    @Param(name = "source_token", required = true, description = "A token of the source account; kept only while the import runs"),
                    @Param(name = "include", type = "csv", description = "customers (with organizations and custom field values), operators, departments "
                            + "(with categories and members), custom_fields (definitions), statuses (custom statuses), tickets (with replies, "
                            + "comments, attachments, status periods, custom field values, stopwatch entries, tags and history), chats (with "
                            + "messages and files); all when omitted"),
                    @Param(name = "rate", type = "integer", description = "Requests per second the source allows, 1 to 100; default 3")})
    Map<String, Object> start(Caller caller, ApiParams params) {
        Set<ImportKind> include = EnumSet.noneOf(ImportKind.class);
        for (String name : params.csv("include")) {
            var kinds = INCLUDES.get(name.strip().toLowerCase(Locale.ROOT));
            if (kinds == null) {
                throw new InvalidInputException("include", "import.unknown_include", name.strip());
            }
            include.addAll(kinds);
        }
        var job = imports.start(caller.accountId(), new StartImport(params.raw("source_url"), params.raw("source_token"), include,
                params.integer("rate").orElse(null)));
        return Envelope.created(messages.get("import.started"), wire(job, caller.timeZone(), Instant.now()), Map.of("id", job.id()));
    }

    @GetMapping("/import/detail")
    @ApiEndpoint(access = Access.ADMIN, tag = TAG, extension = true,
            summary = "An import: status (running, done, failed, cancelled), waiting_to_retry while its source cannot be reached, progress per kind (total, done, imported, unchanged, "
                    + "failed, rate, seconds_left) and the objects that failed with their reasons",
            params = @Param(name = "import_id", required = true))
    Map<String, Object> detail(Caller caller, ApiParams params) {
        var job = imports.get(caller.accountId(), params.required("import_id"));
        return Envelope.ok(messages.get("ok"), wire(job, caller.timeZone(), Instant.now()));
    }

    @GetMapping("/import/list")
    @ApiEndpoint(access = Access.ADMIN, tag = TAG, extension = true,
            summary = "The account's latest 50 imports, newest first, with their progress but not their failures")
    Map<String, Object> list(Caller caller, ApiParams params) {
        var now = Instant.now();
        return Envelope.list(messages.get("ok"), imports.list(caller.accountId()).stream()
                .map(job -> wire(job, caller.timeZone(), now)).toList());
    }

    @PostMapping("/import/cancel")
    @ApiEndpoint(access = Access.ADMIN, tag = TAG, extension = true,
            summary = "Cancel a running import; what it imported stays. 409 once it has ended",
            params = @Param(name = "import_id", required = true))
    Map<String, Object> cancel(Caller caller, ApiParams params) {
        var job = imports.cancel(caller.accountId(), params.required("import_id"));
        return Envelope.ok(messages.get("import.cancelled"), wire(job, caller.timeZone(), Instant.now()));
    }
}
