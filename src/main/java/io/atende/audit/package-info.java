/**
 * The account's audit log: an append-only record of its administration (operators, tokens, webhooks, departments,
 * statuses, custom fields, settings, sign-ins...), each entry saying who acted, from which client address, what
 * they did to which subject, and the subject's recorded fields before and after. Modules that administer something
 * call {@link io.atende.audit.AuditTrail#record} in the transaction of the change, passing only the fields they
 * choose to record (an allow-list: secrets are never passed); the trail refuses a field named like a secret as a
 * second guard. It depends on nothing but the platform, so every module may call it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform" })
package io.atende.audit;
