package io.atende.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import io.atende.operator.CreateOperator;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorRole;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On the very first start of an installation, creates the default account with an admin operator
 * and an admin token, and prints the credentials that were generated. The installation row makes
 * this happen once, even when several nodes start together on an empty database.
 */
@Component
class FirstStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    private final AccountRepository repository;
    private final AccountManagement accounts;
    private final OperatorManagement operators;
    private final AccountSettings settings;
    private final Clock clock;

    FirstStart(AccountRepository repository, AccountManagement accounts, OperatorManagement operators,
               AccountSettings settings, Clock clock) {
        this.repository = repository;
        this.accounts = accounts;
        this.operators = operators;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!repository.claimInstallation(clock.instant())) {
            return;
        }
        var bootstrap = settings.bootstrap();
        var account = accounts.openAccount(bootstrap.accountName(), bootstrap.timeZone());

        boolean passwordGiven = bootstrap.adminPassword() != null && !bootstrap.adminPassword().isBlank();
        String password = passwordGiven ? bootstrap.adminPassword() : randomSecret(18);
        operators.create(account.id(), new CreateOperator("Administrator", bootstrap.adminEmail(), password, OperatorRole.ADMIN, true));

        boolean tokenGiven = bootstrap.token() != null && !bootstrap.token().isBlank();
        var adminToken = new IssueToken("Bootstrap admin token", TokenScope.ADMIN, List.of(), null);
        var issued = tokenGiven ? accounts.issueToken(account.id(), adminToken, bootstrap.token())
                : accounts.issueToken(account.id(), adminToken);
        if (tokenGiven && bootstrap.token().length() < 32) {
            log.warn("ATENDE_BOOTSTRAP_TOKEN is shorter than 32 characters; replace it with a long random token before going live");
        }

        // Printed to the console, not the log: the secrets must not end up in log files or log shippers.
        System.out.printf("""

                ==================================================================
                 Atende first start: created account "%s" (%s)
                 Admin sign-in : %s
                 Admin password: %s
                 Admin API token: %s
                 These are shown once and never again. Keep them somewhere safe.
                ==================================================================

                """, account.name(), account.id(), bootstrap.adminEmail(),
                passwordGiven ? "(from ATENDE_BOOTSTRAP_ADMIN_PASSWORD)" : password,
                tokenGiven ? "(from ATENDE_BOOTSTRAP_TOKEN)" : issued.secret());
        log.info("First start: created account {} with an admin operator and an admin token {}", account.id(), issued.token().id());
    }

    private static String randomSecret(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
