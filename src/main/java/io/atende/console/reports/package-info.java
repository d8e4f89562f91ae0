/** The console's reports dashboard: ticket, operator and chat figures over a period, with charts and CSV downloads. */
package io.atende.console.reports;
