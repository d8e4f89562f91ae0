package io.atende.console.tickets;

import java.util.Base64;
import java.util.List;

import io.atende.support.ApiClient;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/console.md, Ticket workspace, the reply: formatted replies sanitized as every HTML message, pasted images sent
 * as the reply's files and shown in place, the operator's signature below replies (never below internal comments),
 * and the draft kept on the server per operator and ticket until it is sent or discarded.
 */
@ApiTest
class ReplyComposerPageTest {

    /** A 1×1 PNG, as a browser pastes a screenshot. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @Autowired
    TestTenants tenants;

    DeskFixture desk;
    String ticket;

    @BeforeEach
    void aTicketOfTheSignedInOperator() {
        desk = new DeskFixture(tenants);
        ticket = desk.myTicket("Impressora");
        desk.session.get("/console/tickets/" + ticket);
    }

    private String lastReply() {
        var replies = desk.detail(ticket).data().get("replies");
        return replies.get(replies.size() - 1).get("message").asString();
    }

    @Test
    void aFormattedReplyKeepsItsFormattingAndLosesScriptsHandlersAndScriptLinks() {
        var answer = desk.session.htmx().post("/console/tickets/" + ticket + "/reply", "message",
                "<p><strong>Olá</strong> <em>Carla</em></p><ul><li>um</li></ul><blockquote>citado</blockquote>"
                        + "<p onclick=\"steal()\"><a href=\"javascript:steal()\">aqui</a> <a href=\"https://example.com\">ali</a></p>"
                        + "<script>steal()</script>");

        assertThat(answer.status()).isEqualTo(200);
        String stored = lastReply();
        assertThat(stored).contains("<strong>Olá</strong>", "<em>Carla</em>", "<li>um</li>", "<blockquote>citado</blockquote>",
                "href=\"https://example.com\"");
        assertThat(stored).doesNotContain("script", "onclick", "javascript:");
        var shown = desk.session.get("/console/tickets/" + ticket).document().select(".message.operator .body").last();
        assertThat(shown.select("strong").text()).isEqualTo("Olá");
        assertThat(shown.select("script")).isEmpty();
    }

    @Test
    void aPastedImageIsStoredAsAnAttachmentOfTheReplyAndShownInPlace() {
        var answer = desk.session.htmx().postMultipart("/console/tickets/" + ticket + "/reply",
                List.of(new ApiClient.FilePart("attachment", "pasted-k1-1.png", "image/png", PNG)),
                "message", "<p>Veja a tela:</p><p><img src=\"cid:pasted-k1-1.png\"></p>");

        assertThat(answer.status()).isEqualTo(200);
        var reply = desk.detail(ticket).data().get("replies").get(1);
        assertThat(reply.get("attachments")).hasSize(1);
        var file = reply.get("attachments").get(0);
        assertThat(file.get("mimetype").asString()).isEqualTo("image/png");
        assertThat(reply.get("message").asString()).contains("<img src=\"cid:pasted-k1-1.png\">");
        String fileId = file.get("id").asString();
        var image = answer.document().select(".message.operator .body img").last();
        assertThat(image.attr("src")).isEqualTo("/console/tickets/attachments/" + fileId);
        var download = desk.session.get("/console/tickets/attachments/" + fileId);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
    }

    @Test
    void aPastedImageOverTheRequestsLimitIsRefusedWithAMessageAndNothingIsSent() {
        var answer = desk.session.htmx().postMultipart("/console/tickets/" + ticket + "/reply",
                List.of(new ApiClient.FilePart("attachment", "pasted-k1-2.png", "image/png", new byte[25 * 1024 * 1024 + 1])),
                "message", "<p><img src=\"cid:pasted-k1-2.png\"></p>");

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.text("[role=alert]")).contains("25 MB");
        assertThat(desk.detail(ticket).data().get("replies")).hasSize(1);
    }

    @Test
    void theSignatureGoesBelowRepliesWithItsPlaceholdersFilledButNeverBelowInternalComments() {
        var saved = desk.session.post("/console/profile/signature", "signature",
                "<p><strong>{{operator.name}}</strong> · Suporte</p><script>steal()</script>");
        assertThat(saved.status()).isEqualTo(302);
        var profile = desk.session.get("/console/profile");
        assertThat(profile.text("[role=status]")).isEqualTo("Assinatura salva.");
        assertThat(profile.document().selectFirst("#signature").text())
                .isEqualTo("<p><strong>{{operator.name}}</strong> · Suporte</p>");

        desk.session.htmx().post("/console/tickets/" + ticket + "/reply", "message", "Reinicie a impressora.\nDepois me avise.");
        assertThat(lastReply()).isEqualTo("<p>Reinicie a impressora.<br>Depois me avise.</p><p><br></p><p><strong>"
                + desk.operator.name() + "</strong> · Suporte</p>");

        desk.session.htmx().post("/console/tickets/" + ticket + "/comment", "comment", "Nota interna");
        var comments = desk.detail(ticket).data().get("comments");
        assertThat(comments.get(comments.size() - 1).get("comment").asString()).isEqualTo("Nota interna");

        var page = desk.session.get("/console/tickets/" + ticket);
        assertThat(page.text("#reply-signature .body")).isEqualTo("{{operator.name}} · Suporte");
    }

    @Test
    void aSignatureWithAnUnknownPlaceholderIsRefusedKeepingWhatWasTyped() {
        var refused = desk.session.post("/console/profile/signature", "signature", "Ana {{operator.phone}}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("#signature-error")).contains("{{operator.phone}}");
        assertThat(refused.document().selectFirst("#signature").text()).isEqualTo("Ana {{operator.phone}}");
        desk.session.htmx().post("/console/tickets/" + ticket + "/reply", "message", "Oi");
        assertThat(lastReply()).isEqualTo("Oi");
    }

    @Test
    void theDraftIsSavedRestoredOnAnotherDeviceAndDiscarded() {
        var saved = desk.session.post("/console/tickets/" + ticket + "/draft", "message",
                "<p><strong>Quase</strong> pronto</p><img src=x onerror=\"steal()\">");

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).startsWith("Rascunho salvo ");
        var elsewhere = tenants.signIn(desk.operator);
        var restored = elsewhere.get("/console/tickets/" + ticket);
        assertThat(restored.document().selectFirst("#reply-message").text()).startsWith("<p><strong>Quase</strong> pronto</p>")
                .doesNotContain("onerror");
        assertThat(restored.text("#reply-draft-status")).startsWith("Rascunho salvo ");

        var discarded = elsewhere.htmx().post("/console/tickets/" + ticket + "/draft/discard");
        assertThat(discarded.status()).isEqualTo(200);
        assertThat(discarded.text("#reply [role=status]")).isEqualTo("Rascunho descartado.");
        assertThat(discarded.document().selectFirst("#reply-message").text()).isEmpty();
        assertThat(desk.session.get("/console/tickets/" + ticket).document().selectFirst("#reply-message").text()).isEmpty();
    }

    @Test
    void sendingTheReplyForgetsTheDraftAndAColleagueNeverSeesIt() {
        desk.session.post("/console/tickets/" + ticket + "/draft", "message", "Rascunho meu");
        var colleague = desk.colleague();
        assertThat(colleague.session().get("/console/tickets/" + ticket).document().selectFirst("#reply-message").text()).isEmpty();

        var sent = desk.session.htmx().post("/console/tickets/" + ticket + "/reply", "message", "Rascunho meu");

        assertThat(sent.text("#reply [role=status]")).isEqualTo("Resposta enviada.");
        assertThat(sent.document().selectFirst("#reply-message").text()).isEmpty();
        assertThat(desk.session.get("/console/tickets/" + ticket).document().selectFirst("#reply-message").text()).isEmpty();
    }

    @Test
    void aRefusedReplyKeepsTheDraft() {
        desk.session.post("/console/tickets/" + ticket + "/draft", "message", "Resposta longa");

        var refused = desk.session.htmx().post("/console/tickets/" + ticket + "/reply", "message", "Resposta longa", "work_minutes", "x");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(desk.session.get("/console/tickets/" + ticket).document().selectFirst("#reply-message").text()).isEqualTo("Resposta longa");
    }

    @Test
    void theDraftStaysInTheReplyBoxWhenAnotherFormOfThePageAnswers() {
        desk.session.post("/console/tickets/" + ticket + "/draft", "message", "Escrevendo ainda");

        var refused = desk.session.htmx().post("/console/tickets/" + ticket + "/tags/add", "tag", " ");
        var tagged = desk.session.htmx().post("/console/tickets/" + ticket + "/tags/add", "tag", "vip");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.document().selectFirst("#reply-message").text()).isEqualTo("Escrevendo ainda");
        assertThat(tagged.status()).isEqualTo(200);
        assertThat(tagged.document().selectFirst("#reply-message").text()).isEqualTo("Escrevendo ainda");
    }

    @Test
    void anotherAccountsTicketHasNoDraftToSaveOrDiscard() {
        var other = new DeskFixture(tenants);
        String theirs = other.myTicket("Deles");

        assertThat(desk.session.post("/console/tickets/" + theirs + "/draft", "message", "intruso").status()).isEqualTo(404);
        assertThat(desk.session.htmx().post("/console/tickets/" + theirs + "/draft/discard").status()).isEqualTo(404);
        assertThat(desk.session.post("/console/tickets/" + UNKNOWN_TICKET + "/draft", "message", "x").status()).isEqualTo(404);
        assertThat(other.session.get("/console/tickets/" + theirs).document().selectFirst("#reply-message").text()).isEmpty();
    }

    static final String UNKNOWN_TICKET = "00000000000000000000000000000000";
}
