package io.atende.api.v2;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.account.Caller;
import io.atende.attachment.AttachmentManagement;
import io.atende.audit.AuditTrail;
import io.atende.chat.ChatFilter;
import io.atende.chat.ChatManagement;
import io.atende.customer.CustomerExport;
import io.atende.customer.CustomerManagement;
import io.atende.customer.UndeliverableEmails;
import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.customeraccess.PortalAccountRecord;
import io.atende.platform.PageRequest;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketQuery;

import org.springframework.http.ContentDisposition;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

import static io.atende.api.v2.ApiEndpoint.Param;

/**
 * The export of everything held about a customer (LGPD/GDPR right of access, docs/data-protection.md): a ZIP with
 * {@code customer.json} and the files of the customer's tickets and chats. Written to the response as it is read, a
 * ticket at a time, so a customer with years of tickets does not fill the memory.
 */
@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class CustomerExportApiV2Controller implements CustomerExport {

    private final CustomerManagement customers;
    private final TicketManagement tickets;
    private final TicketRendering ticketRendering;
    private final TicketHistoryRendering historyRendering;
    private final ChatManagement chats;
    private final ChatRendering chatRendering;
    private final AttachmentManagement attachments;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final CustomerPortalAccess portal;

    private final UndeliverableEmails undeliverable;

    CustomerExportApiV2Controller(CustomerManagement customers, TicketManagement tickets, TicketRendering ticketRendering,
                                  TicketHistoryRendering historyRendering, ChatManagement chats, ChatRendering chatRendering,
                                  AttachmentManagement attachments, AuditTrail audit, JsonMapper json, CustomerPortalAccess portal,
                                  UndeliverableEmails undeliverable) {
        this.undeliverable = undeliverable;
        this.portal = portal;
        this.customers = customers;
        this.tickets = tickets;
        this.ticketRendering = ticketRendering;
        this.historyRendering = historyRendering;
        this.chats = chats;
        this.chatRendering = chatRendering;
        this.attachments = attachments;
        this.audit = audit;
        this.json = json;
    }

    @GetMapping("/customer/export")
    @ApiEndpoint(access = Access.ADMIN, extension = true, tag = "Customers",
            summary = "Everything held about a customer (LGPD/GDPR): a ZIP with customer.json (the customer with custom fields and "
                    + "organization, each ticket with its replies, comments, evaluation and history, each chat with its messages) and "
                    + "the files under files/",
            params = {@Param(name = CustomerLookups.ID, required = true, description = "The internal id, the 32-hex id or the e-mail address, per the type flag"),
                    @Param(name = CustomerLookups.TYPE, description = CustomerLookups.TYPE_DESCRIPTION)})
    void export(Caller caller, ApiParams params, HttpServletResponse response) throws IOException {
        var customer = customers.get(caller.accountId(), CustomerLookups.required(params));
        response.setStatus(200);
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", ContentDisposition.attachment()
                .filename(CustomerExport.fileName(customer.id()), StandardCharsets.UTF_8).build().toString());
        write(caller.accountId(), customer.id(), caller.timeZone(), response.getOutputStream());
    }

    @Override
    public void write(String account, String customerId, ZoneId zone, OutputStream output) throws IOException {
        var customer = customers.get(account, customerId);
        audit.record(account, "customer.exported", "customer", customer.id(), null, null);
        Map<String, String> files = new LinkedHashMap<>();
        try (var zip = new ZipOutputStream(output, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry("customer.json"));
            try (JsonGenerator out = json.createGenerator(new Unclosed(zip))) {
                out.writeStartObject();
                out.writeName("customer");
                out.writePOJO(CustomerApiV2Controller.CustomerWire.of(customer, customers.customFields(account, customer.id()),
                        undeliverable.of(account, customer.id()).orElse(null), zone));
                out.writeBooleanProperty("anonymized", customers.isAnonymized(account, customer.id()));
                out.writeName("portal");
                out.writePOJO(portal.record(account, customer.id()).map(record -> PortalWire.of(record, zone)).orElse(null));
                out.writeName("tickets");
                out.writeStartArray();
                var query = TicketQuery.all().withCustomerIds(Set.of(customer.id()));
                for (int page = 1; ; page++) {
                    var found = tickets.list(account, query, PageRequest.of(page));
                    for (var ticket : found.items()) {
                        var detail = ticketRendering.detail(account, zone, tickets.detail(account, ticket.id()),
                                new TicketRendering.DetailOptions(false, true, false));
                        JsonNode node = json.valueToTree(detail);
                        noteFiles(node, files);
                        out.writeStartObject();
                        out.writeName("ticket");
                        out.writeTree(node);
                        out.writeName("history");
                        out.writePOJO(historyRendering.render(account, zone, tickets.history(account, ticket.id())));
                        out.writeEndObject();
                    }
                    if (found.items().isEmpty() || page >= found.pages()) {
                        break;
                    }
                }
                out.writeEndArray();
                out.writeName("chats");
                out.writeStartArray();
                var filter = new ChatFilter(customer.id(), null, null, java.util.List.of(), null, null, null, null, null);
                for (int page = 1; ; page++) {
                    var found = chats.list(account, filter, PageRequest.of(page));
                    for (var chat : found.items()) {
                        JsonNode node = json.valueToTree(chatRendering.detail(account, zone, chats.get(account, chat.id())));
                        noteFiles(node, files);
                        out.writeTree(node);
                    }
                    if (found.items().isEmpty() || page >= found.pages()) {
                        break;
                    }
                }
                out.writeEndArray();
                out.writeName("files");
                out.writePOJO(files);
                out.writeEndObject();
            }
            zip.closeEntry();
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getValue()));
                attachments.copyContent(account, file.getKey(), zip);
                zip.closeEntry();
            }
        }
    }

    /** The files a rendered ticket or chat names, by attachment id, each with its path in the ZIP. */
    private static void noteFiles(JsonNode node, Map<String, String> files) {
        for (JsonNode list : node.findValues("attachments")) {
            for (JsonNode file : list) {
                String id = file.path("id").asString("");
                if (!id.isEmpty()) {
                    String name = file.path("name").asString("file").replaceAll("[/\\\\]", "_");
                    files.putIfAbsent(id, "files/" + id + "/" + name);
                }
            }
        }
    }

    /** What the portal keeps about the customer's access: never a password nor a link's secret. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PortalWire(boolean passwordSet, boolean organizationManager, String creationDate,
                      String updateDate, List<LinkWire> links) {

        static PortalWire of(PortalAccountRecord record, ZoneId zone) {
            return new PortalWire(record.passwordSet(), record.organizationManager(), date(record.createdAt(), zone), date(record.updatedAt(), zone),
                    record.links().stream().map(link -> new LinkWire(link.purpose().toLowerCase(java.util.Locale.ROOT),
                            date(link.createdAt(), zone), date(link.expiresAt(), zone), date(link.usedAt(), zone))).toList());
        }

        private static String date(java.time.Instant instant, ZoneId zone) {
            return instant == null ? null : ApiDates.format(instant, zone);
        }
    }

    /** An invitation or password-reset link sent to the customer. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LinkWire(String purpose, String creationDate, String expirationDate, String useDate) {
    }

    /** Keeps the ZIP open when the JSON writer closes: more entries follow. */
    private static final class Unclosed extends FilterOutputStream {

        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
