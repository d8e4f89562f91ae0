package io.atende.api.v2;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
class BlacklistApiTest {

    @Autowired
    TestTenants tenants;

    Tenant tenant;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
    }

    @Test
    void addsSearchesAndRemovesAnAddressIgnoringCase() {
        assertThat(listed("spam@example.com")).isFalse();

        var added = tenant.writer().post("/customer/blacklist/add", "email", " Spam@Example.com ");
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.json().get("success").asBoolean()).isTrue();

        assertThat(listed("spam@example.com")).isTrue();
        assertThat(listed("SPAM@EXAMPLE.COM")).isTrue();
        assertThat(listed("other@example.com")).isFalse();

        assertThat(tenant.writer().post("/customer/blacklist/remove", "email", "SPAM@example.com").status()).isEqualTo(200);
        assertThat(listed("spam@example.com")).isFalse();
    }

    @Test
    void searchAnswersWithABooleanAndAMessage() {
        tenant.writer().post("/customer/blacklist/add", "email", "spam@example.com");

        var yes = tenant.reader().get("/customer/blacklist/search", "email", "spam@example.com");
        var no = tenant.reader().get("/customer/blacklist/search", "email", "ham@example.com");

        assertThat(yes.status()).isEqualTo(200);
        assertThat(yes.data().isBoolean()).isTrue();
        assertThat(yes.message()).isEqualTo("This e-mail address is blacklisted.");
        assertThat(no.status()).isEqualTo(200);
        assertThat(no.data().asBoolean()).isFalse();
        assertThat(no.message()).isEqualTo("This e-mail address is not blacklisted.");
    }

    @Test
    void refusesAnAddressThatIsAlreadyThereOrNotThere() {
        tenant.writer().post("/customer/blacklist/add", "email", "spam@example.com");

        var again = tenant.writer().post("/customer/blacklist/add", "email", "SPAM@example.com");
        var absent = tenant.writer().post("/customer/blacklist/remove", "email", "ham@example.com");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asBoolean()).isTrue();
        assertThat(absent.status()).isEqualTo(404);
        assertThat(listed("spam@example.com")).isTrue();
    }

    @Test
    void everyEndpointNeedsAWellFormedEmail() {
        assertThat(tenant.reader().get("/customer/blacklist/search").status()).isEqualTo(400);
        assertThat(tenant.reader().get("/customer/blacklist/search").message()).contains("email");
        assertThat(tenant.reader().get("/customer/blacklist/search", "email", "nonsense").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/customer/blacklist/add").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/customer/blacklist/add", "email", "no at sign").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/customer/blacklist/remove").status()).isEqualTo(400);
        assertThat(tenant.writer().post("/customer/blacklist/remove", "email", "a@b").status()).isEqualTo(400);
    }

    @Test
    void changesNeedAWriteTokenAndEverythingNeedsAToken() {
        tenant.writer().post("/customer/blacklist/add", "email", "spam@example.com");

        assertThat(tenant.reader().post("/customer/blacklist/add", "email", "x@example.com").status()).isEqualTo(403);
        assertThat(tenant.reader().post("/customer/blacklist/remove", "email", "spam@example.com").status()).isEqualTo(403);
        assertThat(tenant.anonymous().post("/customer/blacklist/add", "email", "x@example.com").status()).isEqualTo(401);
        assertThat(tenant.anonymous().post("/customer/blacklist/remove", "email", "spam@example.com").status()).isEqualTo(401);
        assertThat(tenant.anonymous().get("/customer/blacklist/search", "email", "spam@example.com").status()).isEqualTo(401);
        assertThat(listed("spam@example.com")).isTrue();
        assertThat(listed("x@example.com")).isFalse();
        assertThat(tenant.admin().post("/customer/blacklist/add", "email", "x@example.com").status()).isEqualTo(200);
    }

    @Test
    void eachAccountHasItsOwnBlacklist() {
        tenant.writer().post("/customer/blacklist/add", "email", "spam@example.com");
        var other = tenants.create();

        assertThat(other.reader().get("/customer/blacklist/search", "email", "spam@example.com").data().asBoolean()).isFalse();
        assertThat(other.writer().post("/customer/blacklist/remove", "email", "spam@example.com").status()).isEqualTo(404);
        assertThat(other.writer().post("/customer/blacklist/add", "email", "spam@example.com").status()).isEqualTo(200);
        assertThat(other.writer().post("/customer/blacklist/remove", "email", "spam@example.com").status()).isEqualTo(200);
        assertThat(listed("spam@example.com")).isTrue();
    }

    private boolean listed(String email) {
        var response = tenant.reader().get("/customer/blacklist/search", "email", email);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.data().asBoolean();
    }
}
