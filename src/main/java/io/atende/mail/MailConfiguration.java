package io.atende.mail;

import io.atende.platform.SealedSecrets;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailConfiguration {

    /** Mailbox passwords, sealed with the installation's key. */
    @Bean
    SealedSecrets mailboxPasswords(JdbcClient jdbc) {
        return SealedSecrets.inColumn(jdbc, "mailbox passwords", "mail_mailbox", "password", "account_id", "id");
    }

    /** Mailbox OAuth2 access tokens, sealed with the installation's key. */
    @Bean
    SealedSecrets mailboxAccessTokens(JdbcClient jdbc) {
        return SealedSecrets.inColumn(jdbc, "mailbox access tokens", "mail_mailbox", "access_token", "account_id", "id");
    }

    /** The passwords of accounts' own SMTP servers, sealed with the installation's key. */
    @Bean
    SealedSecrets accountSmtpPasswords(JdbcClient jdbc) {
        return SealedSecrets.inColumn(jdbc, "account SMTP passwords", "mail_account_sender", "smtp_password", "account_id");
    }

    /** DKIM private keys, sealed with the installation's key. */
    @Bean
    SealedSecrets dkimPrivateKeys(JdbcClient jdbc) {
        return SealedSecrets.inColumn(jdbc, "DKIM private keys", "mail_dkim_key", "private_key", "account_id", "domain");
    }

    /** The installation's secret that signs reply addresses (one row, not tenant data, so keyed by its id alone). */
    @Bean
    SealedSecrets replySecret(JdbcClient jdbc) {
        return SealedSecrets.inColumn(jdbc, "the reply-address secret", "mail_installation", "reply_secret", "id");
    }

    /** Invitation and reset links waiting in the outbox (they are removed from a message once it is sent). */
    @Bean
    SealedSecrets outboxLinkTexts(JdbcClient jdbc) {
        return SealedSecrets.inColumnWhere(jdbc, "links waiting in the mail outbox", "mail_message", "text_body",
                MailRepository.LINK_KINDS_QUEUED, "account_id", "id");
    }

    @Bean
    SealedSecrets outboxLinkHtml(JdbcClient jdbc) {
        return SealedSecrets.inColumnWhere(jdbc, "links waiting in the mail outbox (HTML)", "mail_message", "html_body",
                MailRepository.LINK_KINDS_QUEUED, "account_id", "id");
    }
}
