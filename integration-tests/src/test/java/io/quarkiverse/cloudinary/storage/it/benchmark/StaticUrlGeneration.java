package io.quarkiverse.cloudinary.storage.it.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.cloudinary.Cloudinary;
import com.cloudinary.Transformation;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.statics.StaticAsset;
import io.quarkiverse.cloudinary.storage.statics.StaticManifest;
import io.quarkiverse.cloudinary.storage.statics.StaticUrls;

/**
 * JMH: a static resource's URL from the recorded manifest, against the SDK building the same URL. Run by
 * {@link StaticUrlBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StaticUrlGeneration {

    static final int FILES = 2_000;

    private Cloudinary cloudinary;
    private StaticUrls urls;
    private StaticAsset[] assets;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Map<String, Object> config = new HashMap<>();
        config.put("cloud_name", "demo-cloud");
        config.put("api_key", "123456789012345");
        config.put("api_secret", "secret");
        config.put("secure", true);
        config.put("analytics", false);
        cloudinary = new Cloudinary(config);
        List<StaticAsset> list = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            boolean image = i % 4 == 0;
            String original = String.format("assets/%02d/file-%04d.%s", i % 20, i, image ? "png" : "css");
            String hashed = original.replace(image ? ".png" : ".css",
                    String.format(".%012x%s", i * 7919L, image ? ".png" : ".css"));
            list.add(new StaticAsset(original, hashed, image ? CloudinaryResourceType.IMAGE : CloudinaryResourceType.RAW,
                    "static/" + (image ? hashed.replace(".png", "") : hashed), "static/" + original,
                    image ? "png" : "", 1_000, "0".repeat(32), "META-INF/resources/" + original));
        }
        assets = list.toArray(StaticAsset[]::new);
        urls = new StaticUrls(new StaticManifest("jmh", "static/cloudinary-manifests/", list), cloudinary);
    }

    private StaticAsset nextAsset() {
        StaticAsset asset = assets[next];
        next = next + 1 == assets.length ? 0 : next + 1;
        return asset;
    }

    @Benchmark
    public String staticUrl() {
        return urls.url(nextAsset().originalName());
    }

    @Benchmark
    public String sdkUrl() {
        StaticAsset asset = nextAsset();
        com.cloudinary.Url url = cloudinary.url().resourceType(asset.resourceType().cloudinaryName()).type("upload")
                .version(1);
        if (!asset.format().isEmpty()) {
            url.format(asset.format());
        }
        return url.generate(asset.publicId());
    }

    @Benchmark
    public String staticUrlTransformed() {
        return urls.url(nextAsset().originalName(), "c_scale,w_120");
    }

    @Benchmark
    public String sdkUrlTransformed() {
        StaticAsset asset = nextAsset();
        com.cloudinary.Url url = cloudinary.url().resourceType(asset.resourceType().cloudinaryName()).type("upload")
                .version(1).transformation(new Transformation<>().width(120).crop("scale"));
        if (!asset.format().isEmpty()) {
            url.format(asset.format());
        }
        return url.generate(asset.publicId());
    }
}
