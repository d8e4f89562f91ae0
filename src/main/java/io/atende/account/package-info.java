/**
 * Accounts (tenants), their settings and API tokens: issuing, revoking and recognizing them, and the
 * installation's first start.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "audit", "operator", "department" })
package io.atende.account;
