package io.quarkiverse.cloudinary.storage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.cloudinary.Cloudinary;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanup;
import io.quarkiverse.cloudinary.storage.orphans.OrphanReport;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Random histories of uploads, commits, rollbacks, field changes, shared names, entity deletes, ageing and cleanup
 * runs (some while a transaction holding fresh uploads is open), on the emulator and the configured database. After
 * every run: no file referenced at the end of the run was deleted, no file younger than the grace period was deleted,
 * every unreferenced file older than the grace period (outside excluded paths) was, and the report counts what
 * happened.
 * <p>
 * {@code -Dorphans.safety.seed=N} replays a history; {@code -Dorphans.safety.cases=N} sets how many cleanup runs it
 * has (1,000 by default).
 */
@QuarkusTest
class OrphanSafetyRandomizedTest {

    private static final int CASES = Integer.getInteger("orphans.safety.cases", 1_000);
    private static final long SEED = Long.getLong("orphans.safety.seed", new Random().nextLong());
    private static final int MAX_ENTITIES = 24;
    private static final String[] IMAGE_EXTENSIONS = { ".png", ".jpg", ".PNG", ".jpeg", "" };

    /** A stored file as the account knows it. */
    record Key(CloudinaryResourceType type, String publicId) {
    }

    @Inject
    OrphanCleanup cleanup;

    @Inject
    CloudinaryFiles files;

    @Inject
    Cloudinary cloudinary;

    @Inject
    CloudinaryOperations operations;

    @ConfigProperty(name = "quarkus.cloudinary.orphans.grace-period")
    Duration grace;

    EmulatorControlClient emulator;
    Random random;
    /** deleted, referenced, too young, excluded, runs with an open transaction */
    final long[] totals = new long[5];
    final ExecutorService other = Executors.newSingleThreadExecutor();

    @BeforeEach
    void freshAccountAndTables() {
        emulator = Emulator.reset(operations);
        // every case lists the account twice to check it: far more calls than an hour's default budget
        emulator.rateLimit(10_000_000, 10_000_000, Duration.ofHours(1));
        operations.admin("ping", (api, options) -> api.ping(options));
        MediaAccount.clearRows();
    }

    @AfterEach
    void noRowsLeft() {
        other.shutdownNow();
        MediaAccount.clearRows();
    }

    @Test
    void nothingReferencedIsEverDeletedAndEveryOldOrphanIs() throws Exception {
        System.out.printf("Orphan safety: %d cases, seed %d (replay with -Dorphans.safety.seed=%d)%n", CASES, SEED,
                SEED);
        random = new Random(SEED);
        for (int c = 1; c <= CASES; c++) {
            try {
                runCase();
            } catch (AssertionError | RuntimeException e) {
                fail("Case " + c + " of seed " + SEED + " failed (replay with -Dorphans.safety.seed=" + SEED + "): "
                        + e.getMessage(), e);
            }
        }
        System.out.printf("Orphan safety: %d runs (%d while a transaction was open), %d files deleted, %d found"
                + " referenced, %d too young, %d excluded%n", CASES, totals[4], totals[0], totals[1], totals[2],
                totals[3]);
        // a history in which nothing was ever deleted or kept would prove nothing
        assertTrue(totals[0] > 0 && totals[1] > 0 && totals[2] > 0 && totals[4] > 0, "a history that tests something");
    }

    private void runCase() throws Exception {
        int steps = 1 + random.nextInt(3);
        for (int i = 0; i < steps; i++) {
            step();
        }
        boolean openTransaction = random.nextInt(4) == 0;
        if (!openTransaction) {
            checkedRun(random.nextInt(5) == 0, Set.of());
            return;
        }
        totals[4]++;
        QuarkusTransaction.begin();
        boolean committed = false;
        try {
            Set<Key> uncommitted = new HashSet<>(storeNewEntity());
            checkedRun(random.nextInt(5) == 0, uncommitted);
            committed = random.nextBoolean();
        } finally {
            if (committed) {
                QuarkusTransaction.commit();
            } else {
                QuarkusTransaction.rollback();
            }
        }
    }

    private void step() {
        long entities = QuarkusTransaction.requiringNew().call(() -> MediaItem.count() + Album.count());
        switch (random.nextInt(9)) {
            case 0, 1 -> {
                if (entities < MAX_ENTITIES) {
                    QuarkusTransaction.requiringNew().run(this::storeNewEntity);
                }
            }
            case 2 -> QuarkusTransaction.begin();
            case 3 -> QuarkusTransaction.requiringNew().run(this::replaceAFile);
            case 4 -> QuarkusTransaction.requiringNew().run(this::shareAName);
            case 5 -> QuarkusTransaction.requiringNew().run(this::forgetAFile);
            case 6 -> QuarkusTransaction.requiringNew().run(this::deleteAnEntity);
            case 7 -> emulator.backdate("", Duration.ofMinutes(20L * (1 + random.nextInt(3))));
            default -> emulator.seed(random.nextBoolean() ? "raw" : "image",
                    (random.nextInt(4) == 0 ? "media/keep/" : "media/stray/") + random.nextInt(1_000_000) + "-",
                    random.nextBoolean() ? ".png" : ".bin", 1 + random.nextInt(3), 8, "media",
                    Duration.ofMinutes(random.nextInt(120)));
        }
        if (QuarkusTransaction.isActive()) {
            // case 2: uploads that roll back
            storeNewEntity();
            QuarkusTransaction.rollback();
        }
    }

    /** A new entity with files in some of its attributes, in the current transaction. */
    private List<Key> storeNewEntity() {
        List<Key> stored = new ArrayList<>();
        if (random.nextBoolean()) {
            MediaItem item = new MediaItem();
            item.title = "item";
            if (random.nextBoolean()) {
                stored.add(image(item, "image"));
            }
            if (random.nextBoolean()) {
                stored.add(raw(item, "document"));
            }
            if (random.nextInt(4) == 0) {
                String name = files.store(item, "video", "clip.mp4",
                        new ByteArrayInputStream(Samples.mp4(2_000, random.nextLong())));
                stored.add(new Key(CloudinaryResourceType.VIDEO, MediaName.publicId(CloudinaryResourceType.VIDEO, name)));
            }
            item.persist();
        } else {
            Album album = new Album();
            album.title = "album";
            for (int i = random.nextInt(3); i > 0; i--) {
                stored.add(image(album, "photos"));
            }
            if (random.nextBoolean()) {
                stored.add(image(album, "cover.image"));
            }
            album.persist();
        }
        return stored;
    }

    private Key image(Object entity, String attribute) {
        String fileName = (char) ('a' + random.nextInt(6)) + IMAGE_EXTENSIONS[random.nextInt(IMAGE_EXTENSIONS.length)];
        String name = files.store(entity, attribute, fileName,
                new ByteArrayInputStream(PictureResourceTest.png(2 + random.nextInt(3), 2)));
        return new Key(CloudinaryResourceType.IMAGE, MediaName.publicId(CloudinaryResourceType.IMAGE, name));
    }

    private Key raw(Object entity, String attribute) {
        String name = files.store(entity, attribute, (char) ('a' + random.nextInt(6)) + ".pdf",
                new ByteArrayInputStream(Samples.text("%PDF-1.4 " + random.nextInt())));
        return new Key(CloudinaryResourceType.RAW, name);
    }

    private void replaceAFile() {
        if (random.nextBoolean()) {
            MediaItem item = pick(MediaItem.listAll());
            if (item != null) {
                if (random.nextBoolean()) {
                    image(item, "image");
                } else {
                    raw(item, "document");
                }
            }
        } else {
            Album album = pick(Album.listAll());
            if (album != null) {
                coverOf(album);
                image(album, random.nextBoolean() ? "cover.image" : "photos");
            }
        }
    }

    /** Two rows reference one file: deleting one of them must leave the file alone. */
    private void shareAName() {
        List<MediaItem> items = MediaItem.listAll();
        List<Album> albums = Album.listAll();
        MediaItem from = pick(items);
        if (from == null || from.image == null) {
            return;
        }
        if (random.nextBoolean() && !albums.isEmpty()) {
            Album to = pick(albums);
            if (random.nextBoolean()) {
                to.photos.add(from.image);
            } else {
                coverOf(to).image = from.image;
            }
        } else {
            pick(items).image = from.image;
        }
    }

    private void forgetAFile() {
        if (random.nextBoolean()) {
            MediaItem item = pick(MediaItem.listAll());
            if (item != null) {
                item.image = null;
                item.video = null;
            }
        } else {
            Album album = pick(Album.listAll());
            if (album != null && !album.photos.isEmpty()) {
                album.photos.remove(random.nextInt(album.photos.size()));
            }
        }
    }

    private void deleteAnEntity() {
        if (random.nextBoolean()) {
            MediaItem item = pick(MediaItem.listAll());
            if (item != null) {
                item.delete();
            }
        } else {
            Album album = pick(Album.listAll());
            if (album != null) {
                album.delete();
            }
        }
    }

    /** Hibernate reads an embeddable whose columns are all null as null. */
    private static AlbumCover coverOf(Album album) {
        if (album.cover == null) {
            album.cover = new AlbumCover();
        }
        return album.cover;
    }

    private <T> T pick(List<T> list) {
        return list.isEmpty() ? null : list.get(random.nextInt(list.size()));
    }

    /**
     * Runs a cleanup on another thread, so that a transaction open on this one stays open meanwhile, and checks what
     * it did.
     *
     * @param uncommitted files uploaded in the open transaction, referenced by no committed row yet
     */
    private void checkedRun(boolean dryRun, Set<Key> uncommitted) throws Exception {
        Map<Key, Instant> before = account();
        Instant started = Instant.now();
        OrphanReport report = other.submit(dryRun ? cleanup::findOrphans : cleanup::deleteOrphans).get();
        Instant ended = Instant.now();
        Map<Key, Instant> after = account();
        Set<Key> referenced = committedReferences();

        for (Key key : referenced) {
            assertTrue(after.containsKey(key), () -> "referenced " + key + " is gone; report: " + report);
        }
        for (Key key : uncommitted) {
            assertTrue(after.containsKey(key), () -> "fresh upload " + key + " of an open transaction is gone");
        }
        long surelyOrphaned = 0;
        long maybeOrphaned = 0;
        for (Map.Entry<Key, Instant> file : before.entrySet()) {
            Key key = file.getKey();
            Instant created = file.getValue();
            if (created.isAfter(ended.minus(grace))) {
                assertTrue(after.containsKey(key), () -> "young " + key + " created " + created + " was deleted");
            }
            if (referenced.contains(key) || key.publicId().startsWith("media/keep/")) {
                assertTrue(after.containsKey(key), () -> "kept " + key + " was deleted");
                continue;
            }
            boolean old = created.isBefore(started.minus(grace));
            if (old) {
                surelyOrphaned++;
                if (!dryRun) {
                    assertTrue(!after.containsKey(key), () -> "old orphan " + key + " created " + created
                            + " survived; report: " + report);
                }
            }
            if (!created.isAfter(ended.minus(grace))) {
                maybeOrphaned++;
            }
        }
        totals[0] += report.deleted();
        totals[1] += report.referenced();
        totals[2] += report.tooYoung();
        totals[3] += report.excluded();
        assertTrue(report.complete(), () -> "incomplete: " + report);
        assertEquals(before.size(), report.scanned(), () -> "scanned: " + report);
        assertEquals(0, report.failed());
        String expected = surelyOrphaned + ".." + maybeOrphaned + " orphans expected: " + report;
        assertTrue(report.deleted() >= surelyOrphaned && report.deleted() <= maybeOrphaned, expected);
        if (dryRun) {
            assertEquals(before.keySet(), after.keySet(), "a dry run deletes nothing");
        } else {
            assertEquals(before.size() - after.size(), report.deleted(), () -> "deleted: " + report);
        }
    }

    private Map<Key, Instant> account() {
        Map<Key, Instant> all = new HashMap<>();
        for (CloudinaryResourceType type : CloudinaryResourceType.values()) {
            MediaAccount.media(cloudinary, type).forEach((id, created) -> all.put(new Key(type, id), created));
        }
        return all;
    }

    private static Set<Key> committedReferences() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Set<Key> keys = new HashSet<>();
            for (MediaItem item : MediaItem.<MediaItem> listAll()) {
                add(keys, CloudinaryResourceType.IMAGE, item.image);
                add(keys, CloudinaryResourceType.RAW, item.document);
                add(keys, CloudinaryResourceType.VIDEO, item.video);
            }
            for (Album album : Album.<Album> listAll()) {
                album.photos.forEach(photo -> add(keys, CloudinaryResourceType.IMAGE, photo));
                add(keys, CloudinaryResourceType.IMAGE, album.cover == null ? null : album.cover.image);
            }
            return keys;
        });
    }

    private static void add(Set<Key> keys, CloudinaryResourceType type, String storedName) {
        if (storedName != null) {
            keys.add(new Key(type, MediaName.publicId(type, storedName)));
        }
    }
}
