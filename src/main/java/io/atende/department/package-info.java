/**
 * Departments, their ticket categories, and which operators work in each department.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "audit", "operator" })
package io.atende.department;
