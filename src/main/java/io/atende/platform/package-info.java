/**
 * Mechanisms every module shares: identifiers, the failure types modules raise, paging, the
 * database-backed rate limiter and protocol counters, the background workers' loop, request
 * correlation and the servlet security chain. It knows nothing of TomTicket's wire format.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.atende.platform;
