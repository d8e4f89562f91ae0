package io.atende.assignment;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.atende.platform.Worker;
import io.atende.platform.Workers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Serves the queues of automatic assignment on every node: the departments with a ticket due (just queued, or
 * waiting since the last look longer than {@code atende.assignment.recheck-after}) or nudged, one ticket per
 * transaction under the department's lock, which the nodes serving one department take in turns. It runs every
 * {@code atende.assignment.interval} and at once after a local commit queued a ticket or nudged an account.
 */
@Component
class AssignmentWorker implements Worker.Owner {

    private static final int DEPARTMENTS_PER_ROUND = 100;
    private static final int TICKETS_PER_DEPARTMENT = 50;

    private final AutomaticAssignment assignment;
    private final AssignmentRepository repository;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Worker worker;
    // Accounts whose departments are to look again: written by this node's commits, turned into nudges by the worker.
    private final Set<String> toNudge = ConcurrentHashMap.newKeySet();

    AssignmentWorker(AutomaticAssignment assignment, AssignmentRepository repository, PlatformTransactionManager transactionManager,
                     Clock clock, Workers workers, @Value("${atende.assignment.interval}") Duration interval) {
        this.assignment = assignment;
        this.repository = repository;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.worker = workers.create(new Worker.Settings("assignment", interval, DEPARTMENTS_PER_ROUND, Duration.ofSeconds(10)),
                this::serveDue);
    }

    /** Looks at the queues now. */
    void wake() {
        worker.wake();
    }

    /** Every department of the account looks at its queue again, soon; after a commit that may let tickets through. */
    void nudge(String accountId) {
        toNudge.add(accountId);
        worker.wake();
    }

    private int serveDue() {
        for (String accountId : Set.copyOf(toNudge)) {
            toNudge.remove(accountId);
            transactions.executeWithoutResult(status -> assignment.nudge(accountId));
        }
        int served = 0;
        boolean full = false;
        for (var department : repository.departmentsDue(clock.instant(), DEPARTMENTS_PER_ROUND)) {
            if (worker.stopping()) {
                break;
            }
            transactions.executeWithoutResult(status -> assignment.prepare(department.accountId(), department.departmentId()));
            int ticket = 0;
            for (; ticket < TICKETS_PER_DEPARTMENT && !worker.stopping(); ticket++) {
                var outcome = transactions.execute(status -> assignment.serveFirst(department.accountId(), department.departmentId()));
                if (outcome != AutomaticAssignment.Outcome.ASSIGNED && outcome != AutomaticAssignment.Outcome.DROPPED) {
                    break;
                }
                served++;
            }
            full |= ticket == TICKETS_PER_DEPARTMENT;
        }
        // A department that had more than one round's share runs again at once.
        return full ? DEPARTMENTS_PER_ROUND : served;
    }

    @Override
    public Worker worker() {
        return worker;
    }
}
