/**
 * Single sign-on with OpenID Connect: each account's identity provider (issuer, client, the e-mail domains it vouches
 * for, whether unknown people become operators, whether passwords still sign in), the account's client registration
 * discovered from the issuer and kept per node, and the rule that maps an identity the provider verified to an operator
 * of the account, or refuses it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "audit", "operator", "department" })
package io.atende.sso;
