package io.atende.api.v2;

import java.util.Map;

import io.atende.account.Caller;
import io.atende.customer.CustomerManagement;
import io.atende.platform.Inputs;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.atende.api.v2.ApiEndpoint.Param;

@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class CustomerBlacklistApiV2Controller {

    private final CustomerManagement customers;
    private final ApiMessages messages;

    CustomerBlacklistApiV2Controller(CustomerManagement customers, ApiMessages messages) {
        this.customers = customers;
        this.messages = messages;
    }

    @GetMapping("/customer/blacklist/search")
    @ApiEndpoint(access = Access.READ, tag = "Customers", summary = "Whether an e-mail address is blacklisted: data is true or false",
            params = @Param(name = "email", required = true, description = "Compared ignoring case and surrounding spaces"))
    Map<String, Object> search(Caller caller, ApiParams params) {
        boolean listed = customers.isBlacklisted(caller.accountId(), Inputs.requiredEmail("email", params.raw("email")));
        return Envelope.ok(messages.get(listed ? "blacklist.listed" : "blacklist.not_listed"), listed);
    }

    @PostMapping("/customer/blacklist/add")
    @ApiEndpoint(access = Access.WRITE, tag = "Customers", extension = true,
            summary = "Blacklist an e-mail address: it can no longer open tickets (409 if already blacklisted)",
            params = @Param(name = "email", required = true))
    Map<String, Object> add(Caller caller, ApiParams params) {
        customers.blacklist(caller.accountId(), params.required("email"));
        return Envelope.ok(messages.get("blacklist.added"), true);
    }

    @PostMapping("/customer/blacklist/remove")
    @ApiEndpoint(access = Access.WRITE, tag = "Customers", extension = true,
            summary = "Take an e-mail address off the blacklist (404 if it is not there)",
            params = @Param(name = "email", required = true))
    Map<String, Object> remove(Caller caller, ApiParams params) {
        customers.unblacklist(caller.accountId(), params.required("email"));
        return Envelope.ok(messages.get("blacklist.removed"), true);
    }
}
