/**
 * The console's administration under {@code /console/admin}, for admins only (the console's
 * security chain refuses operators with 403): departments and categories, operators and their
 * memberships, custom statuses and fields, API tokens, webhooks and the account's settings, each
 * on its module's front door.
 */
package io.atende.console.admin;
