package io.quarkiverse.cloudinary.storage.emulator.control;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What tests steer and observe: request counts per endpoint, injected latency, queued faults, and the Admin API's rate
 * limit. Endpoint ids: {@code upload:<action>} ({@code upload:upload}, {@code upload:destroy}, ...,
 * {@code upload:delete_by_token}, and {@code upload:sprite} and the like for actions the emulator refuses),
 * {@code admin:ping}, {@code admin:usage}, {@code admin:tags}, {@code admin:resources:types},
 * {@code admin:resources:list}, {@code admin:resources:by-tag}, {@code admin:resources:by-ids},
 * {@code admin:resources:by-context}, {@code admin:resources:by-asset-id}, {@code admin:resources:by-asset-ids},
 * {@code admin:resources:get}, {@code admin:resources:update}, {@code admin:resources:delete},
 * {@code admin:resources:delete-by-tag}, {@code admin:folders:list}, {@code admin:folders:create},
 * {@code admin:folders:delete}, {@code admin:metadata-fields:list}, {@code admin:metadata-fields:get},
 * {@code admin:metadata-fields:add}, {@code admin:metadata-fields:delete}, {@code admin:unsupported} (Admin API calls
 * the emulator refuses), {@code delivery:get}, {@code delivery:head}.
 */
public final class EmulatorControls {

    /** Faults queued for any endpoint. */
    public static final String ANY_ENDPOINT = "*";

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, Duration> latency = new ConcurrentHashMap<>();
    private volatile Duration globalLatency = Duration.ZERO;
    private final RateLimit rateLimit = new RateLimit();

    public void record(String endpoint) {
        counts.computeIfAbsent(endpoint, e -> new LongAdder()).increment();
    }

    public long count(String endpoint) {
        LongAdder adder = counts.get(endpoint);
        return adder == null ? 0 : adder.sum();
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> counts() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((endpoint, adder) -> snapshot.put(endpoint, adder.sum()));
        return snapshot;
    }

    public void resetCounts() {
        counts.clear();
    }

    /** Queues {@code times} copies of a fault for an endpoint (or {@link #ANY_ENDPOINT}). */
    public void fault(String endpoint, Fault fault, int times) {
        Deque<Fault> queue = faults.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(fault);
            }
        }
    }

    /** The fault the next request of this endpoint suffers, taken off the queue. */
    public Optional<Fault> takeFault(String endpoint) {
        if (faults.isEmpty()) {
            return Optional.empty();
        }
        for (String key : new String[] { endpoint, ANY_ENDPOINT }) {
            Deque<Fault> queue = faults.get(key);
            if (queue != null) {
                synchronized (queue) {
                    Fault fault = queue.poll();
                    if (fault != null) {
                        return Optional.of(fault);
                    }
                }
            }
        }
        return Optional.empty();
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Forgets the faults still queued for one endpoint (or {@link #ANY_ENDPOINT}), leaving the others'. */
    public void clearFaults(String endpoint) {
        faults.remove(endpoint);
    }

    /** Adds latency to every request, or to one endpoint's. */
    public void latency(Optional<String> endpoint, Duration delay) {
        if (endpoint.isPresent()) {
            latency.put(endpoint.get(), delay);
        } else {
            globalLatency = delay;
        }
    }

    public Duration latencyOf(String endpoint) {
        return latency.getOrDefault(endpoint, globalLatency);
    }

    public RateLimit rateLimit() {
        return rateLimit;
    }

    /** Back to a fresh emulator's behaviour. */
    public void reset() {
        counts.clear();
        faults.clear();
        latency.clear();
        globalLatency = Duration.ZERO;
        rateLimit.reset();
    }
}
