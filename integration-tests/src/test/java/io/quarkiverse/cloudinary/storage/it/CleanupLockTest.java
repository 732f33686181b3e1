package io.quarkiverse.cloudinary.storage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.cloudinary.storage.orphans.CleanupLock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The lock of scheduled cleanups in the application's database (H2 here; the PostgreSQL profile runs it there too):
 * two runners, as two instances would, fire on the same ticks at the same moment.
 */
@QuarkusTest
class CleanupLockTest {

    private static final int TICKS = 20;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void twoRunnersRunEachTickOnce() throws Exception {
        String job = "lock-test-" + System.nanoTime();
        List<CleanupLock> runners = List.of(new CleanupLock(dataSource, job, "instance-a", Duration.ofMinutes(1)),
                new CleanupLock(dataSource, job, "instance-b", Duration.ofMinutes(1)));
        Map<Instant, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> byRunner = new ConcurrentHashMap<>();
        Instant first = Instant.parse("2026-01-01T03:30:00Z");
        CyclicBarrier together = new CyclicBarrier(runners.size());
        ExecutorService threads = Executors.newFixedThreadPool(runners.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < runners.size(); r++) {
                CleanupLock lock = runners.get(r);
                String name = "runner " + r;
                done.add(threads.submit(() -> {
                    for (int t = 0; t < TICKS; t++) {
                        Instant tick = first.plus(Duration.ofMinutes(t));
                        together.await();
                        Optional<CleanupLock.Held> held = lock.tryAcquire(tick);
                        if (held.isPresent()) {
                            try (CleanupLock.Held running = held.get()) {
                                runs.computeIfAbsent(tick, k -> new AtomicInteger()).incrementAndGet();
                                byRunner.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                                // a short run: the other instance's tick may come after it ended
                                Thread.sleep(5);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(TICKS, runs.size(), "every tick ran");
        runs.forEach((tick, count) -> assertEquals(1, count.get(), "runs of the tick of " + tick));
        System.out.println("Cleanup lock: " + TICKS + " ticks, runs per runner " + byRunner);
    }

    @Test
    void theLockOfACrashedHolderExpires() throws Exception {
        String job = "lock-crash-" + System.nanoTime();
        CleanupLock survivor = new CleanupLock(dataSource, job, "survivor", Duration.ofMinutes(1));
        Instant tick = Instant.parse("2026-01-01T03:30:00Z");
        // a holder that took the tick and died: its row says so, nobody renews it
        assertTrue(survivor.tryAcquire(tick.minusSeconds(60)).isPresent(), "the row exists after a first run");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement crash = connection.prepareStatement("UPDATE " + CleanupLock.TABLE
                        + " SET holder = 'crashed', expires_at = ?, tick = ? WHERE name = ?")) {
            crash.setLong(1, System.currentTimeMillis() + 1_500);
            crash.setLong(2, tick.toEpochMilli());
            crash.setString(3, job);
            assertEquals(1, crash.executeUpdate());
        }
        Instant next = tick.plusSeconds(60);
        assertTrue(survivor.tryAcquire(next).isEmpty(), "held by the crashed instance: " + survivor.describe());
        Thread.sleep(1_600);
        assertTrue(survivor.tryAcquire(tick).isEmpty(), "the crashed holder's tick is not run twice");
        Optional<CleanupLock.Held> taken = survivor.tryAcquire(next);
        assertTrue(taken.isPresent(), "expired: the next tick runs");
        taken.get().close();
        assertTrue(survivor.describe().startsWith("last taken by survivor"), survivor.describe());
    }
}
