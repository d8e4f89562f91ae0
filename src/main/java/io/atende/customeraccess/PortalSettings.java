package io.atende.customeraccess;

import java.util.List;

/**
 * An account's portal and widget settings.
 *
 * @param selfRegistration whether visitors may sign up to the portal on their own (off by default)
 * @param allowedSites     origins ({@code https://www.example.com}) whose pages may run the chat widget
 * @param logoUrl          an {@code https} (or {@code http}) address of the logo the portal shows, or {@code null}
 */
public record PortalSettings(boolean selfRegistration, List<String> allowedSites, String logoUrl) {

    public static final PortalSettings DEFAULTS = new PortalSettings(false, List.of(), null);

    public PortalSettings {
        allowedSites = allowedSites == null ? List.of() : List.copyOf(allowedSites);
    }
}
