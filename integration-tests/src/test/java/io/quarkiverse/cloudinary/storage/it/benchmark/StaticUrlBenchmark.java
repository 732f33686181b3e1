package io.quarkiverse.cloudinary.storage.it.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmark {@link StaticUrlGeneration} in a forked JVM and prints each score and the ratios of the SDK's
 * URL generation to the manifest lookup (goal: at least 10). Prints, asserts no timing.
 */
class StaticUrlBenchmark {

    @Test
    void staticUrlAgainstTheSdk() throws Exception {
        StaticUrlGeneration sdk = new StaticUrlGeneration();
        sdk.setUp();
        StaticUrlGeneration manifest = new StaticUrlGeneration();
        manifest.setUp();
        for (int i = 0; i < StaticUrlGeneration.FILES; i++) {
            assertEquals(sdk.sdkUrl(), manifest.staticUrl(), "both build the same URL");
        }
        for (int i = 0; i < StaticUrlGeneration.FILES; i++) {
            assertEquals(sdk.sdkUrlTransformed(), manifest.staticUrlTransformed(), "with a transformation too");
        }

        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(StaticUrlGeneration.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(Integer.getInteger("benchmark.jmhWarmups", 3))
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(Integer.getInteger("benchmark.jmhIterations", 5))
                .measurementTime(TimeValue.seconds(1))
                .build()).run();
        Map<String, Double> scores = new HashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            scores.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
        }
        System.out.printf("%n=== Static URL vs the SDK's URL generation (JMH, average ns per URL, %d files) ===%n",
                StaticUrlGeneration.FILES);
        scores.forEach((name, score) -> System.out.printf("%-22s %10.1f ns%n", name, score));
        System.out.printf("plain URL: static is %.1fx faster than the SDK (goal: at least 10x)%n",
                scores.get("sdkUrl") / scores.get("staticUrl"));
        System.out.printf("transformed URL: static is %.1fx faster than the SDK%n%n",
                scores.get("sdkUrlTransformed") / scores.get("staticUrlTransformed"));
    }
}
