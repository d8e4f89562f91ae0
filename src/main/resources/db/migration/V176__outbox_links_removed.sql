-- Invitation and password-reset links are removed from the mail outbox once sent (io.atende.mail.MailKind.carriesLink):
-- those sent before that rule lose their text too. The ones still waiting are sealed at the next start.
update mail_message
   set text_body = '(The text of this message held a link for one person; it was removed once the message was sent.)',
       html_body = null
 where status = 'sent' and kind in ('portal_invitation', 'portal_password_reset');
