package io.atende.console;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.atende.operator.OperatorRole;
import io.atende.operator.Permission;
import io.atende.operator.OperatorView;
import io.atende.platform.ActingPrincipal;
import io.atende.platform.Actor;
import io.atende.platform.RequestLocales;

/**
 * The operator signed in to the console, as kept in their session. Controllers receive it with
 * {@code @AuthenticationPrincipal ConsoleOperator me}; every query they make is scoped to
 * {@link #accountId()}. It is refreshed from the database on each request, so a change of role,
 * name or language applies at once and a deactivated operator is signed out.
 *
 * @param language        the operator's own choice, or {@code null}
 * @param accountLanguage the account's console language for operators who chose none
 */
public record ConsoleOperator(String accountId, String operatorId, String name, String email, OperatorRole role,
                              String language, String accountLanguage, Set<Permission> permissions)
        implements Serializable, ActingPrincipal {

    static ConsoleOperator of(String accountId, OperatorView operator, String accountLanguage) {
        return new ConsoleOperator(accountId, operator.id(), operator.name(), operator.email(),
                operator.role(), operator.language(), accountLanguage,
                operator.permissions().isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(operator.permissions()));
    }

    /** Whether this operator may do this (their custom role's permissions, else their built-in role's). */
    public boolean may(Permission permission) {
        return permissions != null && permissions.contains(permission);
    }

    /** {@link #may(Permission)} by the permission's name, for the pages. */
    public boolean can(String permission) {
        return permissions != null && permissions.stream().anyMatch(held -> held.name().equals(permission));
    }

    /** Whether this operator administers the account. */
    public boolean admin() {
        return may(Permission.ADMINISTER_ACCOUNT);
    }

    /** Whether this operator reads the reports. */
    public boolean readsReports() {
        return may(Permission.VIEW_REPORTS);
    }

    /** Whether this operator sees every department's tickets and chats, not only their own departments'. */
    public boolean seesAllDepartments() {
        return may(Permission.VIEW_ALL_DEPARTMENTS);
    }

    /**
     * The areas of the administration ({@code /console/admin/<area>}) that a permission of their own grants; every
     * other area is {@link Permission#ADMINISTER_ACCOUNT}'s.
     */
    static final Map<String, Permission> ADMIN_AREAS_APART = Map.of(
            "macros", Permission.MANAGE_MACROS,
            "triggers", Permission.MANAGE_AUTOMATIONS,
            "automations", Permission.MANAGE_AUTOMATIONS,
            "sla", Permission.MANAGE_AUTOMATIONS,
            "audit", Permission.VIEW_AUDIT_LOG);

    /** Whether this operator reaches any page of the administration. */
    public boolean reachesAdministration() {
        return admin() || ADMIN_AREAS_APART.values().stream().anyMatch(this::may);
    }

    /** Whether this operator reaches this area of the administration ({@code /console/admin/<area>}). */
    public boolean reaches(String adminArea) {
        return may(ADMIN_AREAS_APART.getOrDefault(adminArea, Permission.ADMINISTER_ACCOUNT));
    }

    /** The console's language for this operator: their choice, else the account's, else Brazilian Portuguese. */
    public Locale locale() {
        return RequestLocales.forTag(language != null ? language : accountLanguage);
    }

    /** The language tag of {@link #locale()}, for the page's {@code lang} attribute. */
    public String languageTag() {
        return locale().toLanguageTag();
    }

    /** The changes this operator makes in the console are theirs. */
    @Override
    public Actor actor() {
        return Actor.operator(operatorId, name);
    }

    /** Spring Session indexes sessions by this name, so an operator's sessions can be found. */
    String principalName() {
        return "operator:" + accountId + ":" + operatorId;
    }
}
