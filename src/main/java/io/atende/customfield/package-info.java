/**
 * Custom field definitions and the checking of values given for them.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "audit", "department" })
package io.atende.customfield;
