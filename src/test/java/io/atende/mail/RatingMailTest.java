package io.atende.mail;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import io.atende.support.MailServers;
import io.atende.support.MailTest;

import jakarta.mail.internet.MimeMessage;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "finished" e-mail carries a one-click rating: a click on a grade (1 to 5) or on "solved?" opens a page that records
 * the answer with a POST (its script submits it at once in a person's browser), without signing in; a plain GET, as mail
 * scanners make for every link, records nothing; a later answer changes it; altered or expired links are refused.
 */
class RatingMailTest extends MailTest {

    private static final Pattern RATING_LINK = Pattern.compile("https?://[^\\s\"<>]+/portal/mail/rating/[A-Za-z0-9_.-]+\\?(grade=[1-5]|solved=(yes|no))");

    @Autowired
    SignedLinks signedLinks;
    @Value("${atende.public-url}")
    String publicUrl;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Test
    void aClickOnTheFinishedEmailRatesTheTicketWithoutSigningInAndALaterClickChangesIt() throws Exception {
        var desk = MailFixture.create(tenants, "pt-BR");
        accounts.sendMailsForApiChanges(desk.accountId(), true);
        String ticketId = desk.openTicket("Impressora", "Não imprime");
        desk.tenant().writer().post("/ticket/operator/link", "ticket_id", ticketId, "operator_id", desk.operatorId());
        assertThat(desk.tenant().writer().post("/ticket/finish", "ticket_id", ticketId, "message", "Trocamos o toner").status()).isEqualTo(200);

        MimeMessage finished = MailServers.awaitFor(desk.domain(), list -> list.stream().anyMatch(m -> OutboundMailTest.to(m)
                .equals(desk.customerEmail()))).stream().filter(m -> OutboundMailTest.to(m).equals(desk.customerEmail())).findFirst().orElseThrow();
        String text = OutboundMailTest.part(finished, "text/plain");
        assertThat(text).contains("Como você avalia nosso atendimento?").contains("Seu problema foi resolvido?");
        List<String> links = RATING_LINK.matcher(text).results().map(match -> match.group()).toList();
        assertThat(links).hasSize(7);
        assertThat(OutboundMailTest.part(finished, "text/html")).contains(links.get(3));
        String four = links.stream().filter(link -> link.endsWith("grade=4")).findFirst().orElseThrow();

        // Opening the link (as a mail scanner does with every link) records nothing: the page shows the choice.
        for (String link : links) {
            assertThat(get(link).statusCode()).isEqualTo(200);
        }
        assertThat(tickets.get(desk.accountId(), ticketId).evaluationGrade()).isNull();
        assertThat(tickets.get(desk.accountId(), ticketId).problemSolved()).isNull();
        var page = get(four);
        assertThat(page.body()).contains("Você escolheu 4 de 5.").contains("Enviar minha avaliação").doesNotContain("Obrigado");
        assertThat(Jsoup.parse(page.body()).select("script:containsData(rating-choice)")).hasSize(1);

        // The form the page submits (at once, by its script, in a person's browser) records it.
        var recorded = submit(page);
        assertThat(recorded.statusCode()).isEqualTo(200);
        assertThat(recorded.body()).contains("Obrigado pela sua avaliação").contains("Sua nota: 4 de 5.");
        assertThat(tickets.get(desk.accountId(), ticketId).evaluationGrade()).isEqualTo(4);
        assertThat(tickets.get(desk.accountId(), ticketId).problemSolved()).isNull();

        assertThat(submit(get(links.stream().filter(link -> link.endsWith("solved=yes")).findFirst().orElseThrow())).body())
                .contains("Problema resolvido: sim.").contains("Sua nota: 4 de 5.");
        submit(get(links.stream().filter(link -> link.endsWith("grade=2")).findFirst().orElseThrow()));
        var rated = tickets.get(desk.accountId(), ticketId);
        assertThat(rated.evaluationGrade()).isEqualTo(2);
        assertThat(rated.problemSolved()).isTrue();

        // A POST without the page's CSRF token records nothing.
        String path = four.substring(publicUrl.length(), four.indexOf('?'));
        var forgedPost = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + tenants.port() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("grade=5")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forgedPost.statusCode()).isEqualTo(403);
        assertThat(tickets.get(desk.accountId(), ticketId).evaluationGrade()).isEqualTo(2);

        String base = four.substring(0, four.indexOf('?'));
        assertThat(get(base + "?grade=9").statusCode()).isEqualTo(400);
        assertThat(get(base + "?solved=maybe").statusCode()).isEqualTo(400);
        var forged = get(base.substring(0, base.length() - 1) + (base.endsWith("A") ? "B" : "A") + "?grade=1");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("Este link não é válido");
        // A file link's token does not rate anything, even for the same ticket id.
        String fileToken = signedLinks.url(SignedLinks.Purpose.FILE, desk.accountId(), ticketId, desk.customerId(),
                Instant.now().plus(Duration.ofHours(1)));
        assertThat(get(publicUrl + "/portal/mail/rating/" + fileToken.substring(fileToken.lastIndexOf('/') + 1) + "?grade=1").statusCode())
                .isEqualTo(403);
        var expired = get(signedLinks.url(SignedLinks.Purpose.RATING, desk.accountId(), ticketId, desk.customerId(),
                Instant.now().minus(Duration.ofMinutes(1))) + "?grade=1");
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.body()).contains("Este link expirou");
        assertThat(tickets.get(desk.accountId(), ticketId).evaluationGrade()).as("refused clicks change nothing").isEqualTo(2);
    }

    /** Submits the page's form as the browser does, with the page's session and CSRF token. */
    private HttpResponse<String> submit(HttpResponse<String> page) throws Exception {
        var form = Jsoup.parse(page.body()).selectFirst("form#rating-choice");
        assertThat(form).as(page.body()).isNotNull();
        StringBuilder fields = new StringBuilder();
        for (var input : form.select("input[name]")) {
            fields.append(fields.isEmpty() ? "" : "&").append(URLEncoder.encode(input.attr("name"), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(input.attr("value"), StandardCharsets.UTF_8));
        }
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + tenants.port() + form.attr("action")))
                .header("Accept-Language", "pt-BR,pt;q=0.9").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String link) throws Exception {
        String path = link.substring(publicUrl.length());
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + tenants.port() + path))
                .header("Accept-Language", "pt-BR,pt;q=0.9").GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
