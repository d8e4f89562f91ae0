package io.atende.importing;

import java.util.Set;

/**
 * Import an account's data from a TomTicket API v2.0 source.
 *
 * @param sourceUrl   the source's base URL, ending in {@code /v2.0}
 * @param sourceToken a token of the source account (read access is enough)
 * @param include     the kinds to bring; empty means every kind
 * @param rate        requests per second the source allows; {@code null}: 3, TomTicket's limit per token
 */
public record StartImport(String sourceUrl, String sourceToken, Set<ImportKind> include, Integer rate) {

    public StartImport {
        include = include == null ? Set.of() : Set.copyOf(include);
    }
}
