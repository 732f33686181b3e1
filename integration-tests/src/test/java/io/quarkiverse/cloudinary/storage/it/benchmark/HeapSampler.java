package io.quarkiverse.cloudinary.storage.it.benchmark;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live heap's peak while something runs. It forces a full collection at a fixed interval and reads the heap right
 * after it, so what it sees is live data, not garbage waiting to be collected. Each collection stops the application
 * for as long as the live heap takes to trace: with a large live heap, sample less often so that the wall time still
 * says something.
 */
final class HeapSampler implements AutoCloseable {

    private final long idle = liveHeap();
    private final AtomicLong peak = new AtomicLong(idle);
    private final AtomicLong samples = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private HeapSampler(Duration interval) {
        thread = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(liveHeap(), Math::max);
                samples.incrementAndGet();
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
    }

    /** Reads the idle heap, then samples every 250 ms until closed. */
    static HeapSampler start() {
        return start(Duration.ofMillis(250));
    }

    static HeapSampler start(Duration interval) {
        HeapSampler sampler = new HeapSampler(interval);
        sampler.thread.start();
        return sampler;
    }

    /** The heap in use right after a full collection: live data only. */
    static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    long idle() {
        return idle;
    }

    long peak() {
        return peak.get();
    }

    long growth() {
        return Math.max(0, peak.get() - idle);
    }

    long samples() {
        return samples.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
        // the last moments of the run count too
        peak.accumulateAndGet(liveHeap(), Math::max);
    }
}
