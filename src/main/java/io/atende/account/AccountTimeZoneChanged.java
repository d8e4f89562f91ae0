package io.atende.account;

import java.time.ZoneId;

/** The account moved to another time zone: everything dated in the old one (report days, say) is to be re-dated. */
public record AccountTimeZoneChanged(String accountId, ZoneId from, ZoneId to) {
}
