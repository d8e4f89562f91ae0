package io.atende.platform;

import java.net.InetAddress;

/**
 * Names that a node's workers write into the leases they take (webhook deliveries, e-mails, mailboxes), so that an
 * operator reading the tables sees which machine holds what, and two workers never share a name.
 */
public final class LeaseHolders {

    private LeaseHolders() {
    }

    /** The host's name and a random suffix, at most 64 characters. */
    public static String newName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException unknown) {
            host = "node";
        }
        String name = host + "-" + Ids.newId().substring(0, 8);
        return name.length() > 64 ? name.substring(name.length() - 64) : name;
    }
}
