package io.atende.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.atende.customer.CreateCustomer;
import io.atende.customer.CustomerManagement;
import io.atende.department.DepartmentManagement;
import io.atende.platform.ProtocolCounters;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Group commit of new tickets: who shares a transaction, and what a failure in a shared one does to each ticket. */
@ApiTest
class TicketOpeningsTest {

    private static final String KIND = "opening-test";

    @Autowired
    TestTenants tenants;

    @Autowired
    TicketOpenings openings;

    @Autowired
    TicketManagement tickets;

    @Autowired
    CustomerManagement customers;

    @Autowired
    DepartmentManagement departments;

    @Autowired
    ProtocolCounters protocols;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    String account;
    ExecutorService threads;
    CountDownLatch release;

    @BeforeEach
    void setUp() {
        account = tenants.create().accountId();
        threads = Executors.newFixedThreadPool(8);
        release = new CountDownLatch(1);
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        threads.shutdownNow();
    }

    /** A numbered write that also tells in which transaction it ran. */
    private record Numbered(long number, Object transaction) {
    }

    private Supplier<Numbered> numbered() {
        return () -> new Numbered(protocols.next(account, KIND), TransactionSynchronizationManager.getResource(dataSource));
    }

    private Supplier<Numbered> numberedThenFailing() {
        return () -> {
            protocols.next(account, KIND);
            throw new IllegalStateException("this ticket's write fails after taking its number");
        };
    }

    private List<Future<Numbered>> queuedBehindAWaitingWrite(List<Supplier<Numbered>> writes) throws Exception {
        return runBehindAWaitingWrite(writes.stream().map(write -> (Callable<Numbered>) () -> openings.write(account, write)).toList());
    }

    /**
     * Holds the account's turn with a write that waits for {@link #release}, then runs the given tasks, each from a
     * thread of its own, and answers their outcomes once all of them are waiting (for the turn, if they write).
     */
    private <T> List<Future<T>> runBehindAWaitingWrite(List<Callable<T>> tasks) throws Exception {
        var holding = new CountDownLatch(1);
        threads.submit(() -> openings.write(account, () -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        var started = new ArrayList<CompletableFuture<Thread>>();
        var outcomes = new ArrayList<Future<T>>();
        for (var task : tasks) {
            var thread = new CompletableFuture<Thread>();
            started.add(thread);
            outcomes.add(threads.submit(() -> {
                thread.complete(Thread.currentThread());
                return task.call();
            }));
        }
        for (var thread : started) {
            var waiting = thread.get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (waiting.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(waiting.getState()).isEqualTo(Thread.State.WAITING);
        }
        release.countDown();
        return outcomes;
    }

    private long counterRows() {
        return jdbc.sql("select count(*) from protocol_counter where account_id = :account and kind = :kind")
                .param("account", account).param("kind", KIND).query(Long.class).single();
    }

    private long counter() {
        return jdbc.sql("select last_value from protocol_counter where account_id = :account and kind = :kind")
                .param("account", account).param("kind", KIND).query(Long.class).single();
    }

    private DistributionSummary batches() {
        return meters.get("atende.tickets.openings.batch").summary();
    }

    private double rewritten() {
        return meters.get("atende.tickets.openings.rewritten").counter().count();
    }

    @Test
    void writesTheTicketsQueuedMeanwhileInOneTransactionWithConsecutiveNumbers() throws Exception {
        long batchesBefore = batches().count();
        double ticketsBefore = batches().totalAmount();

        var outcomes = queuedBehindAWaitingWrite(List.of(numbered(), numbered(), numbered()));

        var written = new ArrayList<Numbered>();
        for (var outcome : outcomes) {
            written.add(outcome.get(10, TimeUnit.SECONDS));
        }

        assertThat(written).extracting(Numbered::number).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(written).extracting(Numbered::transaction).containsOnly(written.get(0).transaction());
        assertThat(counter()).isEqualTo(3);
        // The waiting write alone, then the three together.
        assertThat(batches().count() - batchesBefore).isEqualTo(2);
        assertThat(batches().totalAmount() - ticketsBefore).isEqualTo(4);
    }

    @Test
    void writesAnAccountsTicketsQueuedTogetherNumberedInOrderWithTheirMessagesAndTallies() throws Exception {
        var customer = customers.create(account, new CreateCustomer("c-1", "Ana Souza", "ana@example.com", null, null, null, null,
                null, null, null, null, null, null));
        var support = departments.createDepartment(account, "Suporte");
        var sales = departments.createDepartment(account, "Vendas");
        // The account's first ticket creates its counter; the ones queued behind the waiting write share a statement.
        tickets.open(account, opening(customer.id(), support.id(), "Primeiro", Priority.NORMAL));
        long batchesBefore = batches().count();
        var queued = List.of(opening(customer.id(), support.id(), "Impressora parada", Priority.NORMAL),
                opening(customer.id(), sales.id(), "Orçamento", Priority.HIGH), opening(customer.id(), support.id(), "Rede lenta", Priority.NORMAL),
                opening(customer.id(), support.id(), "Sem acesso ao sistema", Priority.URGENT));

        var outcomes = runBehindAWaitingWrite(queued.stream().map(open -> (Callable<TicketView>) () -> tickets.open(account, open)).toList());

        var opened = new ArrayList<TicketView>();
        for (var outcome : outcomes) {
            opened.add(outcome.get(10, TimeUnit.SECONDS));
        }
        assertThat(opened).extracting(TicketView::protocol).containsExactlyInAnyOrder(2L, 3L, 4L, 5L);
        // The waiting write alone, then the four together.
        assertThat(batches().count() - batchesBefore).isEqualTo(2);
        for (int i = 0; i < queued.size(); i++) {
            var open = queued.get(i);
            var detail = tickets.findDetail(account, opened.get(i).id()).orElseThrow();
            assertThat(detail.ticket().subject()).isEqualTo(open.subject());
            assertThat(detail.ticket().priority()).isEqualTo(open.priority());
            assertThat(detail.ticket().protocol()).isEqualTo(opened.get(i).protocol());
            assertThat(detail.messages()).singleElement().extracting(TicketMessageView::body).isEqualTo(open.message());
        }
        var tallies = jdbc.sql("""
                        select department_id, priority, sum(tickets) from ticket_tally where account_id = :account
                        group by department_id, priority""")
                .param("account", account)
                .query((rs, n) -> rs.getString(1) + "/" + rs.getInt(2) + "=" + rs.getLong(3)).list();
        assertThat(tallies).containsExactlyInAnyOrder(support.id() + "/2=3", sales.id() + "/3=1", support.id() + "/4=1");
    }

    private static OpenTicket opening(String customerId, String departmentId, String subject, Priority priority) {
        return new OpenTicket(customerId, departmentId, null, subject, subject + ": desde ontem, em todas as estações.", priority,
                null, null, null, null, null);
    }

    @Test
    void writesEveryTicketOfAFailedBatchAloneSoOnlyTheFailingOneIsRefused() throws Exception {
        double rewrittenBefore = rewritten();

        var outcomes = queuedBehindAWaitingWrite(List.of(numbered(), numberedThenFailing(), numbered()));

        var first = outcomes.get(0).get(10, TimeUnit.SECONDS);
        var third = outcomes.get(2).get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> outcomes.get(1).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class)
                .cause().hasMessageContaining("fails after taking its number");

        // The failed ticket's number went back with its transaction: the others' stay consecutive.
        assertThat(List.of(first.number(), third.number())).containsExactlyInAnyOrder(1L, 2L);
        assertThat(first.transaction()).isNotSameAs(third.transaction());
        assertThat(counter()).isEqualTo(2);
        assertThat(rewritten() - rewrittenBefore).isEqualTo(1);
    }

    @Test
    void failsEveryTicketOfABatchWhoseCommitFailedAndWritesNoneAgain() throws Exception {
        double rewrittenBefore = rewritten();
        Supplier<Numbered> failingAtCommit = () -> {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    throw new IllegalStateException("the commit fails");
                }
            });
            return numbered().get();
        };

        var outcomes = queuedBehindAWaitingWrite(List.of(numbered(), failingAtCommit));

        for (var outcome : outcomes) {
            assertThatThrownBy(() -> outcome.get(10, TimeUnit.SECONDS)).cause().hasMessage("the commit fails");
        }
        assertThat(counterRows()).isZero();
        assertThat(rewritten()).isEqualTo(rewrittenBefore);
    }

    @Test
    void aTicketWrittenAloneFailsWithItsOwnErrorAndLeavesNothing() {
        assertThatThrownBy(() -> openings.write(account, numberedThenFailing()))
                .isInstanceOf(IllegalStateException.class);

        assertThat(counterRows()).isZero();
    }

    @Test
    void aTicketOpenedInsideTheCallersTransactionIsRolledBackWithIt() {
        var customer = customers.create(account, new CreateCustomer("c-1", "Ana Souza", "ana@example.com", null, null, null, null,
                null, null, null, null, null, null));
        var department = departments.createDepartment(account, "Suporte");
        var open = new OpenTicket(customer.id(), department.id(), null, "Impressora parada", "Não imprime desde ontem.", null, null,
                null, null, null, null);

        var opened = new TransactionTemplate(transactionManager).execute(status -> {
            var ticket = tickets.open(account, open);
            status.setRollbackOnly();
            return ticket;
        });

        assertThat(tickets.findDetail(account, opened.id())).isEmpty();
        assertThat(tickets.open(account, open).protocol()).isEqualTo(opened.protocol());
    }
}
