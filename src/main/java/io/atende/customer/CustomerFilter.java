package io.atende.customer;

/**
 * Which customers a list holds; {@code null} members do not filter.
 *
 * @param organizationId customers of this organization or of any organization below it
 * @param search         a prefix of the name, of a word of the name, of the e-mail address or its
 *                       domain, or of the internal id; ignoring case and accents
 */
public record CustomerFilter(String organizationId, String search) {

    public static final CustomerFilter ALL = new CustomerFilter(null, null);
}
