package io.atende.api.v2;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

import io.atende.account.Caller;
import io.atende.api.v2.ApiEndpoint.Param;
import io.atende.audit.AuditEntry;
import io.atende.audit.AuditFilter;
import io.atende.audit.AuditTrail;
import io.atende.platform.PageRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The account's audit log, read-only: there is no route that changes or removes an entry. */
@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class AuditApiV2Controller {

    private final AuditTrail audit;
    private final ApiMessages messages;

    AuditApiV2Controller(AuditTrail audit, ApiMessages messages) {
        this.audit = audit;
        this.messages = messages;
    }

    /** One entry: who ({@code actor_type} operator, customer, api_token, email, rule or system), from where, what, before and after. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AuditEntryWire(String id, String date, String actorType, String actorId, String actorName, String clientAddress,
                          String action, String subjectType, String subjectId, Map<String, Object> before, Map<String, Object> after) {

        static AuditEntryWire of(AuditEntry entry, ZoneId zone) {
            return new AuditEntryWire(entry.id(), ApiDates.format(entry.occurredAt(), zone),
                    entry.actor().kind().name().toLowerCase(Locale.ROOT), entry.actor().id(), entry.actor().name(),
                    entry.clientAddress(), entry.action(), entry.subjectType(), entry.subjectId(), entry.before(), entry.after());
        }
    }

    @GetMapping("/audit/list")
    @ApiEndpoint(access = Access.ADMIN, tag = "Audit", extension = true,
            summary = "List the account's audit log (administration and sign-ins), newest first; append-only (a customer's erasure blanks the recorded values of the entries about them), never secrets",
            params = {@Param(name = "from", type = "date", description = "Entries at or after; read in the account's time zone when it has no offset"),
                    @Param(name = "to", type = "date", description = "Entries before; read in the account's time zone when it has no offset"),
                    @Param(name = "action", description = "Exactly this action, e.g. operator.created or sign_in.failed"),
                    @Param(name = "actor_id", description = "Entries by this operator, token or customer"),
                    @Param(name = "subject_id", description = "Entries about this operator, token, webhook..."),
                    @Param(name = "page", type = "integer", description = "Page number, 50 items per page")})
    Map<String, Object> list(Caller caller, ApiParams params) {
        var filter = new AuditFilter(params.date("from", caller.timeZone()).orElse(null), params.date("to", caller.timeZone()).orElse(null),
                params.text("action", 64), params.text("actor_id", 320), params.text("subject_id", 320));
        var page = audit.list(caller.accountId(), filter, PageRequest.of(params.page()));
        return Envelope.page(messages.get("ok"), page, entry -> AuditEntryWire.of(entry, caller.timeZone()));
    }
}
