package io.atende.mail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import io.atende.support.ApiClient.FilePart;
import io.atende.support.MailServers;
import io.atende.support.MailTest;

import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files of an operator's reply reach the customer: attached while together they fit {@code atende.mail.attachment-limit}
 * (64 KB in tests), else as signed links that open the file without signing in until they expire.
 */
class ReplyFilesMailTest extends MailTest {

    private static final Pattern FILE_LINK = Pattern.compile("https?://[^\\s\"<>]+/portal/mail/files/[A-Za-z0-9_.-]+");

    @Autowired
    SignedLinks signedLinks;
    @Value("${atende.public-url}")
    String publicUrl;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void filesOfAReplyWithinTheLimitAreAttachedToTheCustomersEmail() throws Exception {
        var desk = MailFixture.create(tenants, "en");
        accounts.sendMailsForApiChanges(desk.accountId(), true);
        String ticketId = desk.openTicket("Invoice", "Please send the invoice");
        desk.tenant().writer().post("/ticket/operator/link", "ticket_id", ticketId, "operator_id", desk.operatorId());
        byte[] pdf = bytes(20_000, 7);
        var files = List.of(new FilePart("attachment[0]", "invoice.pdf", "application/pdf", pdf),
                new FilePart("attachment[1]", "notes.txt", "text/plain", "Paid in full".getBytes(StandardCharsets.UTF_8)));
        assertThat(desk.tenant().writer().postMultipart("/ticket/reply/operator", files, "ticket_id", ticketId, "message", "Here it is")
                .status()).isEqualTo(200);

        MimeMessage reply = awaitReply(desk);
        var attached = attachments(reply);
        assertThat(attached).extracting(Attached::name).containsExactly("invoice.pdf", "notes.txt");
        assertThat(attached.get(0).content()).isEqualTo(pdf);
        assertThat(new String(attached.get(1).content(), StandardCharsets.UTF_8)).isEqualTo("Paid in full");
        assertThat(OutboundMailTest.part(reply, "text/plain")).contains("Here it is").doesNotContain("/portal/mail/files/");
    }

    @Test
    void filesPastTheLimitGoAsSignedLinksThatOpenWithoutSigningInAndRefuseAlteredOrExpiredTokens() throws Exception {
        var desk = MailFixture.create(tenants, "pt-BR");
        accounts.sendMailsForApiChanges(desk.accountId(), true);
        String ticketId = desk.openTicket("Fotos", "Mande as fotos");
        desk.tenant().writer().post("/ticket/operator/link", "ticket_id", ticketId, "operator_id", desk.operatorId());
        byte[] first = bytes(40_000, 3);
        byte[] second = bytes(40_000, 5);
        var files = List.of(new FilePart("attachment[0]", "sala 1.png", "image/png", first),
                new FilePart("attachment[1]", "sala2.png", "image/png", second));
        assertThat(desk.tenant().writer().postMultipart("/ticket/reply/operator", files, "ticket_id", ticketId, "message", "Seguem")
                .status()).isEqualTo(200);

        MimeMessage reply = awaitReply(desk);
        assertThat(attachments(reply)).isEmpty();
        String text = OutboundMailTest.part(reply, "text/plain");
        assertThat(text).contains("Os arquivos são grandes demais para anexar").contains("sala 1.png (40 KB)");
        List<String> links = FILE_LINK.matcher(text).results().map(match -> match.group()).toList();
        assertThat(links).hasSize(2).allMatch(link -> link.startsWith(publicUrl));
        assertThat(OutboundMailTest.part(reply, "text/html")).contains(links.get(0)).contains(links.get(1));

        // No cookie, no token: the link alone opens the file.
        var download = get(links.get(0));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(first);
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains("sala%201.png");
        assertThat(get(links.get(1)).body()).isEqualTo(second);

        String token = links.get(0).substring(links.get(0).lastIndexOf('/') + 1);
        String[] parts = token.split("\\.");
        // Another signature, or the payload of the other file under this one's signature: both refused.
        String otherToken = links.get(1).substring(links.get(1).lastIndexOf('/') + 1);
        for (String forged : List.of(parts[0] + "." + flip(parts[1]), otherToken.split("\\.")[0] + "." + parts[1], "nonsense")) {
            var refused = get(publicUrl + "/portal/mail/files/" + forged);
            assertThat(refused.statusCode()).as(forged).isEqualTo(403);
            assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("Este link não é válido");
        }

        String fileId = desk.tenant().reader().get("/ticket/detail", "ticket_id", ticketId).data().get("replies").get(1)
                .get("attachments").get(0).get("id").asString();
        String expired = signedLinks.url(SignedLinks.Purpose.FILE, desk.accountId(), fileId, desk.customerId(),
                Instant.now().minus(Duration.ofMinutes(1)));
        var late = get(expired);
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(new String(late.body(), StandardCharsets.UTF_8)).contains("Este link expirou");
        // The same file with a valid expiry opens: the refusal was the expiry alone.
        assertThat(get(signedLinks.url(SignedLinks.Purpose.FILE, desk.accountId(), fileId, desk.customerId(),
                Instant.now().plus(Duration.ofMinutes(1)))).body()).isEqualTo(first);
    }

    private MimeMessage awaitReply(MailFixture desk) {
        return MailServers.awaitFor(desk.domain(), list -> list.stream().anyMatch(m -> OutboundMailTest.to(m).equals(desk.customerEmail())))
                .stream().filter(m -> OutboundMailTest.to(m).equals(desk.customerEmail())).findFirst().orElseThrow();
    }

    /** Fetches the address on the test server (links start with the public URL, which names no port in tests), as a Brazilian browser. */
    private HttpResponse<byte[]> get(String link) throws Exception {
        String path = link.substring(publicUrl.length());
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + tenants.port() + path))
                        .header("Accept-Language", "pt-BR,pt;q=0.9").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    record Attached(String name, byte[] content) {
    }

    static List<Attached> attachments(MimeMessage message) throws Exception {
        List<Attached> found = new ArrayList<>();
        if (message.getContent() instanceof MimeMultipart multipart) {
            collect(multipart, found);
        }
        return found;
    }

    private static void collect(MimeMultipart multipart, List<Attached> found) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            var part = multipart.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                found.add(new Attached(part.getFileName(), part.getInputStream().readAllBytes()));
            } else if (part.getContent() instanceof MimeMultipart nested) {
                collect(nested, found);
            }
        }
    }

    private static byte[] bytes(int size, int seed) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'a');
        for (int i = 0; i < size; i += 97) {
            bytes[i] = (byte) (seed + i);
        }
        return bytes;
    }

    private static String flip(String signature) {
        char last = signature.charAt(signature.length() - 1);
        return signature.substring(0, signature.length() - 1) + (last == 'A' ? 'B' : 'A');
    }
}
