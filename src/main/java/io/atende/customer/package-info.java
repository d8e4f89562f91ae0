/**
 * Customers and organizations of an account, how callers name them, their custom field values, and the
 * e-mail blacklist.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "audit", "customfield", "webhook" })
package io.atende.customer;
