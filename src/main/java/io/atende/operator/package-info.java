/**
 * Operators (attendants) of an account: who they are, their role, how they sign in, and the rule that
 * guards deletion (other modules veto it while an operator has authored work).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "audit" })
package io.atende.operator;
