/**
 * Retention policies per account (LGPD/GDPR): finished tickets older than a number of months are anonymized or
 * deleted, and messages read from mailboxes are kept as they came for a number of days, applied by one node at a time.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "account", "audit", "mail", "ticket" })
package io.atende.retention;
