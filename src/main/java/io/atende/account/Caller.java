package io.atende.account;

import java.time.ZoneId;
import java.util.List;

import io.atende.department.DepartmentVisibility;
import io.atende.platform.RateLimit;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Who is calling the API: the account and token a presented secret belongs to, with what that
 * token may do, from where, and whose tickets and chats it sees.
 *
 * @param visibility the departments the token is limited to, or all of them
 */
public record Caller(String accountId, String tokenId, TokenScope scope, ZoneId timeZone, List<String> allowedIps,
                     RateLimit rateLimit, String tokenName, DepartmentVisibility visibility) {

    public Caller {
        allowedIps = List.copyOf(allowedIps);
    }

    /** Whether a request from {@code remoteAddress} is inside the token's allow-list (an empty list allows all). */
    public boolean permitsAddress(String remoteAddress) {
        if (allowedIps.isEmpty()) {
            return true;
        }
        return allowedIps.stream().anyMatch(range -> new IpAddressMatcher(range).matches(remoteAddress));
    }
}
