package io.atende.importing;

import java.time.Clock;
import java.time.Duration;

import io.atende.platform.LeaseHolders;
import io.atende.platform.Worker;
import io.atende.platform.Workers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs import jobs on every node: takes a running job no node holds (or whose holder's lease ran out: the node died),
 * works on it while renewing the lease every few seconds, and lets it go when the node stops, so that another node, or
 * this one after a restart, goes on where it stopped. One job at a time per node: a source allows a few requests per
 * second, so more jobs would not go faster.
 */
@Component
class ImportWorker implements Worker.Owner {

    private final ImportRepository jobs;
    private final ImportRunner runner;
    private final Clock clock;
    private final Duration lease;
    private final String node = LeaseHolders.newName();
    private final Worker worker;

    ImportWorker(ImportRepository jobs, ImportRunner runner, Clock clock, Workers workers,
                 @Value("${atende.import.poll-interval:5s}") Duration pollInterval,
                 @Value("${atende.import.lease:60s}") Duration lease) {
        this.jobs = jobs;
        this.runner = runner;
        this.clock = clock;
        this.lease = lease;
        this.worker = workers.create(new Worker.Settings("imports", pollInterval, 1, Duration.ofSeconds(10)), this::runOne);
    }

    /** Wakes the worker: a job was just queued. */
    void wake() {
        worker.wake();
    }

    private int runOne() throws InterruptedException {
        for (String[] candidate : jobs.claimable(clock.instant(), 5)) {
            String accountId = candidate[0];
            String id = candidate[1];
            var now = clock.instant();
            if (!jobs.lease(accountId, id, node, now, now.plus(lease))) {
                continue;
            }
            var job = jobs.job(accountId, id).orElse(null);
            if (job == null || job.status() != ImportStatus.RUNNING || job.sourceToken() == null) {
                continue;
            }
            var renewal = new Renewal(accountId, id);
            try {
                runner.run(job, renewal::keep);
            } finally {
                jobs.release(accountId, id, node);
            }
            return 1;
        }
        return 0;
    }

    /** Renews the lease at most every tenth of its length, and says to stop once the node stops or the job is lost. */
    private final class Renewal {

        private final String accountId;
        private final String id;
        private long renewedAt = System.nanoTime();

        Renewal(String accountId, String id) {
            this.accountId = accountId;
            this.id = id;
        }

        boolean keep() {
            if (worker.stopping()) {
                return false;
            }
            if (System.nanoTime() - renewedAt < lease.toNanos() / 10) {
                return true;
            }
            var now = clock.instant();
            renewedAt = System.nanoTime();
            // False once the job was cancelled or another node took it over (this one stalled past its lease).
            return jobs.lease(accountId, id, node, now, now.plus(lease));
        }
    }

    @Override
    public Worker worker() {
        return worker;
    }
}
