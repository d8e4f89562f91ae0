/**
 * The console's knowledge-base editor under {@code /console/kb}, for operators and admins:
 * categories, the article list with its filters, writing in a rich-text editor (a plain textarea
 * without JavaScript) whose HTML the knowledge module sanitizes, preview as the help center shows
 * it, publish and unpublish.
 */
package io.atende.console.kb;
