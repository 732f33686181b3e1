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
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.TransactionManager;

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
import io.quarkiverse.cloudinary.storage.orphans.CandidateCleanup;
import io.quarkiverse.cloudinary.storage.orphans.CandidateReport;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanup;
import io.quarkiverse.cloudinary.storage.orphans.OrphanReport;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Random histories of uploads, commits, rollbacks, field changes, shared names, entity deletes, ageing and cleanup
 * runs (some while a transaction holding fresh uploads is open), on the emulator and the configured database, in an
 * account shared with another application, another environment of this one and a developer's machine (same tag, same
 * prefix), with unmarked files of an older version. The history also empties the database (an application pointed at
 * an empty one), retries an upload of identical bytes into a transaction that rolls back, and ends transactions with an
 * unknown outcome. The guard runs with its defaults. After every run: no file of another owner or without owner was
 * touched, no file referenced at the end of the run was deleted, no file younger than the grace period was deleted,
 * the guard stopped every run that would delete too much and no other, every unreferenced old file of this application
 * (outside excluded paths) was deleted when the guard let the run go, and the report counts what happened. A run the
 * guard stopped is sometimes confirmed with the number it reported.
 * <p>
 * Without {@code -Dorphans.safety.seed=N} two histories run: a fixed seed, then a fresh one; each prints its seed with
 * the flag that replays it. {@code -Dorphans.safety.cases=N} sets how many cleanup runs a history has (500 by
 * default).
 */
@QuarkusTest
class OrphanSafetyRandomizedTest {

    private static final int CASES = Integer.getInteger("orphans.safety.cases", 500);
    private static final long FIXED_SEED = 20_261_128L;
    private static final Long REPLAY = Long.getLong("orphans.safety.seed");
    private static final int MAX_ENTITIES = 24;
    private static final String[] IMAGE_EXTENSIONS = { ".png", ".jpg", ".PNG", ".jpeg", "" };

    /** A stored file as the account knows it. */
    record Key(CloudinaryResourceType type, String publicId) {
    }

    /** A file as the account describes it: when it was made and whose it is ({@code null}: nobody's). */
    record Listed(Instant createdAt, String owner) {
    }

    @Inject
    OrphanCleanup cleanup;

    @Inject
    CandidateCleanup candidates;

    @Inject
    CloudinaryFiles files;

    @Inject
    Cloudinary cloudinary;

    @Inject
    CloudinaryOperations operations;

    @Inject
    StorageOwner owner;

    @Inject
    TransactionManager transactions;

    @ConfigProperty(name = "quarkus.cloudinary.orphans.grace-period")
    Duration grace;

    @ConfigProperty(name = "quarkus.cloudinary.orphans.candidates.grace-period")
    Duration candidateGrace;

    @ConfigProperty(name = "quarkus.cloudinary.orphans.max-deletes")
    long maxDeletes;

    @ConfigProperty(name = "quarkus.cloudinary.orphans.max-delete-ratio")
    double maxRatio;

    EmulatorControlClient emulator;
    Random random;
    /**
     * deleted, referenced, too young, excluded, runs with an open transaction, runs the guard stopped, confirmed runs,
     * files of others left alone, retried uploads rolled back, unknown outcomes, candidate runs, files they deleted,
     * candidates found referenced, candidate deletes that failed, bulk updates, rolled-back changes, candidates whose
     * file a crashed run had deleted already
     */
    final long[] totals = new long[17];
    long seed;
    final ExecutorService other = Executors.newSingleThreadExecutor();

    @BeforeEach
    void freshAccountAndTables() {
        emulator = Emulator.reset(operations);
        MediaAccount.clearRows();
        Journal.clear();
    }

    @AfterEach
    void noRowsLeft() {
        other.shutdownNow();
        MediaAccount.clearRows();
    }

    @Test
    void nothingReferencedIsEverDeletedAndEveryOldOrphanIs() throws Exception {
        List<Long> seeds = REPLAY != null ? List.of(REPLAY) : List.of(FIXED_SEED, new Random().nextLong());
        for (long history : seeds) {
            runHistory(history);
        }
    }

    private void runHistory(long history) throws Exception {
        seed = history;
        java.util.Arrays.fill(totals, 0);
        emulator.reset();
        Emulator.forgetReconciliation();
        emulator.rateLimit(10_000_000, 10_000_000, Duration.ofHours(1));
        operations.admin("ping", (api, options) -> api.ping(options));
        MediaAccount.clearRows();
        Journal.clear();
        System.out.printf("Orphan safety: %d cases, seed %d (replay with -Dorphans.safety.seed=%d)%n", CASES, seed,
                seed);
        random = new Random(seed);
        for (int c = 1; c <= CASES; c++) {
            try {
                runCase();
            } catch (AssertionError | RuntimeException e) {
                fail("Case " + c + " of seed " + seed + " failed (replay with -Dorphans.safety.seed=" + seed + "): "
                        + e.getMessage(), e);
            }
        }
        System.out.printf("Orphan safety, seed %d: %d runs (%d while a transaction was open), %d files deleted, %d found"
                + " referenced, %d too young, %d excluded; the guard stopped %d runs, %d were confirmed; %d files of"
                + " others left alone; %d retried uploads rolled back; %d unknown outcomes; %d candidate runs deleted %d"
                + " files, found %d referenced again, %d deletes failed; %d bulk updates; %d rolled-back changes; %d"
                + " crashes after a destroy%n", seed, CASES, totals[4], totals[0], totals[1], totals[2], totals[3],
                totals[5], totals[6], totals[7], totals[8], totals[9], totals[10], totals[11], totals[12], totals[13],
                totals[14], totals[15], totals[16]);
        // a history in which nothing was ever deleted, kept or stopped would prove nothing
        assertTrue(totals[0] > 0 && totals[1] > 0 && totals[2] > 0 && totals[4] > 0 && totals[5] > 0 && totals[7] > 0
                && totals[8] > 0 && totals[9] > 0 && totals[10] > 0 && totals[11] > 0
                && totals[14] > 0 && totals[15] > 0, "a history that tests something: " + java.util.Arrays.toString(totals));
    }

    private void runCase() throws Exception {
        int steps = 1 + random.nextInt(3);
        for (int i = 0; i < steps; i++) {
            step();
        }
        boolean openTransaction = random.nextInt(4) == 0;
        boolean candidateRun = random.nextInt(3) == 0;
        if (!openTransaction && candidateRun) {
            checkedCandidateRun(Set.of());
            return;
        }
        if (!openTransaction) {
            OrphanReport report = checkedRun(random.nextInt(5) == 0, Set.of(), null);
            if (report.guardTripped().isPresent() && !report.dryRun() && random.nextInt(3) == 0) {
                // a person read the refused report and confirms its number
                totals[6]++;
                checkedRun(false, Set.of(), report.orphansFound());
            }
            return;
        }
        totals[4]++;
        QuarkusTransaction.begin();
        boolean committed = false;
        try {
            Set<Key> uncommitted = new HashSet<>(storeNewEntity());
            if (candidateRun) {
                checkedCandidateRun(uncommitted);
            } else {
                checkedRun(random.nextInt(5) == 0, uncommitted, null);
            }
            committed = random.nextBoolean();
        } finally {
            if (committed) {
                QuarkusTransaction.commit();
            } else {
                QuarkusTransaction.rollback();
            }
        }
    }

    private void step() throws Exception {
        long entities = QuarkusTransaction.requiringNew().call(() -> MediaItem.count() + Album.count());
        switch (random.nextInt(16)) {
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
            case 7 -> {
                Duration by = Duration.ofMinutes(20L * (1 + random.nextInt(3)));
                emulator.backdate("", by);
                Journal.age(by);
            }
            case 8 -> emulator.seed(random.nextBoolean() ? "raw" : "image",
                    (random.nextInt(4) == 0 ? "media/keep/" : "media/stray/") + random.nextInt(1_000_000) + "-",
                    random.nextBoolean() ? ".png" : ".bin", 1 + random.nextInt(3), 8, "media",
                    Duration.ofMinutes(random.nextInt(120)), owner.context());
            case 9 -> seedOthers();
            case 10 -> {
                if (random.nextInt(4) == 0) {
                    // the application pointed at an empty database
                    MediaAccount.clearRows();
                }
            }
            case 11 -> retryIntoRollback();
            case 12 -> QuarkusTransaction.requiringNew().run(this::bulkUpdate);
            case 13 -> QuarkusTransaction.requiringNew().run(this::referenceADroppedNameAgain);
            case 14 -> crashAfterADestroy();
            default -> unknownOutcome();
        }
        if (QuarkusTransaction.isActive()) {
            // case 2: uploads, and changes that drop names, flushed and then rolled back: they record no candidate
            long journaled = Journal.dropped().size();
            storeNewEntity();
            if (random.nextBoolean()) {
                replaceAFile();
            } else {
                deleteAnEntity();
            }
            MediaItem.flush();
            QuarkusTransaction.rollback();
            totals[15]++;
            assertEquals(journaled, Journal.dropped().size(), "a rolled-back change recorded candidates");
        }
    }

    /**
     * Files of another environment of this application, of another application, of a developer's machine, and without
     * owner, with the same tag under the same prefix: none of them may ever be touched.
     */
    private void seedOthers() {
        String application = owner.owner().substring(0, owner.owner().lastIndexOf(':'));
        String[] others = { application + ":staging", "another-app:prod", application + ":dev", null };
        String other = others[random.nextInt(others.length)];
        emulator.seed(random.nextBoolean() ? "raw" : "image", "media/stray/" + random.nextInt(1_000_000) + "-",
                random.nextBoolean() ? ".png" : ".bin", 1 + random.nextInt(3), 8, "media",
                Duration.ofMinutes(random.nextInt(180)),
                other == null ? Map.of() : Map.of(StorageOwner.OWNER_KEY, other));
    }

    /**
     * A committed row holds a file; the next upload fails once and its retry finds an identical file under the name it
     * wants; its transaction rolls back. The committed row's file must survive.
     */
    private void retryIntoRollback() {
        byte[] bytes = PictureResourceTest.png(3, 3);
        MediaItem committed = QuarkusTransaction.requiringNew().call(() -> {
            MediaItem item = new MediaItem();
            item.title = "retried";
            files.store(item, "image", "same.png", new ByteArrayInputStream(bytes));
            item.persist();
            return item;
        });
        emulator.fault("upload:upload", 500, 1);
        QuarkusTransaction.begin();
        try {
            MediaItem other = new MediaItem();
            other.title = "rolled back";
            files.store(other, "image", "same.png", new ByteArrayInputStream(bytes));
            other.persist();
        } finally {
            QuarkusTransaction.rollback();
        }
        emulator.clearFaults();
        totals[8]++;
        String publicId = MediaName.publicId(CloudinaryResourceType.IMAGE, committed.image);
        assertTrue(MediaAccount.media(cloudinary, CloudinaryResourceType.IMAGE).containsKey(publicId),
                () -> "the committed row's " + publicId + " was deleted by another upload's rollback");
    }

    /** A transaction that stores a file and commits its row, but ends with a heuristic, unknown outcome. */
    private void unknownOutcome() throws Exception {
        transactions.begin();
        MediaItem item = new MediaItem();
        item.title = "unknown outcome";
        String stored = files.store(item, "image", "unknown.png",
                new ByteArrayInputStream(PictureResourceTest.png(2 + random.nextInt(4), 3)));
        item.persist();
        transactions.getTransaction().enlistResource(new HazardousXaResource());
        try {
            transactions.commit();
        } catch (HeuristicMixedException expected) {
            // the outcome this step is about
        }
        totals[9]++;
        String publicId = MediaName.publicId(CloudinaryResourceType.IMAGE, stored);
        assertTrue(MediaAccount.media(cloudinary, CloudinaryResourceType.IMAGE).containsKey(publicId),
                () -> publicId + " was deleted although its transaction's outcome is unknown");
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

    /**
     * A candidate run that crashed after its {@code destroy} and before it forgot the candidate: the file is gone, the
     * journal still names it. The next run must count it gone and forget it.
     */
    private void crashAfterADestroy() throws Exception {
        List<String[]> due = Journal.due(candidateGrace);
        if (due.isEmpty()) {
            return;
        }
        String[] candidate = pick(due);
        CloudinaryResourceType type = CloudinaryResourceType.valueOf(candidate[0]);
        if (committedReferences().contains(new Key(type, MediaName.publicId(type, candidate[1])))) {
            return;
        }
        totals[16]++;
        cloudinary.uploader().destroy(MediaName.publicId(type, candidate[1]),
                Map.of("resource_type", type.cloudinaryName(), "invalidate", true));
    }

    /** A bulk update bypasses entity events: the names it drops are no candidates, only orphans. */
    private void bulkUpdate() {
        MediaItem item = pick(MediaItem.listAll());
        if (item != null) {
            totals[14]++;
            MediaItem.update("image = null where id = ?1", item.id);
        }
    }

    /** A name some change dropped goes back into a row, possibly before its grace period ends. */
    private void referenceADroppedNameAgain() {
        // an image whose file is still there: the orphan cleanup may have deleted a candidate's file already
        Set<Key> existing = account().keySet();
        List<String> dropped = Journal.dropped().stream()
                .filter(name -> !name.endsWith(".pdf") && !name.startsWith("media/items/videos/"))
                .filter(name -> existing.contains(
                        new Key(CloudinaryResourceType.IMAGE, MediaName.publicId(CloudinaryResourceType.IMAGE, name))))
                .toList();
        MediaItem item = pick(MediaItem.listAll());
        if (!dropped.isEmpty() && item != null) {
            item.image = pick(dropped);
        }
    }

    /**
     * Runs a candidate cleanup on another thread, sometimes while {@code destroy} fails, and checks what it did.
     *
     * @param uncommitted files uploaded in the open transaction, referenced by no committed row yet
     */
    private void checkedCandidateRun(Set<Key> uncommitted) throws Exception {
        Map<Key, Listed> before = account();
        Set<Key> due = new HashSet<>();
        for (String[] candidate : Journal.due(candidateGrace)) {
            CloudinaryResourceType type = CloudinaryResourceType.valueOf(candidate[0]);
            due.add(new Key(type, MediaName.publicId(type, candidate[1])));
        }
        boolean failing = random.nextInt(4) == 0;
        if (failing) {
            // every attempt of the first few calls, retries included
            emulator.fault("upload:destroy", 500, 4 * (1 + random.nextInt(3)));
        }
        CandidateReport report;
        try {
            report = other.submit(candidates::cleanCandidates).get();
        } finally {
            emulator.clearFaults();
        }
        Map<Key, Listed> after = account();
        Set<Key> referenced = committedReferences();
        long gone = 0;
        for (Map.Entry<Key, Listed> file : before.entrySet()) {
            Key key = file.getKey();
            if (after.containsKey(key)) {
                assertEquals(file.getValue(), after.get(key), () -> key + " changed; report: " + report.summary());
                continue;
            }
            gone++;
            assertEquals(owner.owner(), file.getValue().owner(),
                    () -> "another owner's " + key + " was deleted; report: " + report.summary());
            assertTrue(due.contains(key), () -> key + " was deleted but was no due candidate; " + report.summary());
            assertTrue(!referenced.contains(key), () -> "referenced " + key + " was deleted; " + report.summary());
            assertTrue(!uncommitted.contains(key), () -> "fresh upload " + key + " of an open transaction is gone");
        }
        assertEquals(gone, report.deleted(), () -> "deleted: " + report.summary());
        assertTrue(report.deferredBecause().isEmpty(), report.summary());
        // only a candidate whose public id a still open transaction uploaded into again waits
        assertTrue(report.left() == 0 || !uncommitted.isEmpty(), report.summary());
        Set<Key> stillDue = new HashSet<>();
        for (String[] candidate : Journal.due(Duration.ZERO)) {
            CloudinaryResourceType type = CloudinaryResourceType.valueOf(candidate[0]);
            stillDue.add(new Key(type, MediaName.publicId(type, candidate[1])));
        }
        stillDue.retainAll(due);
        if (report.failed() == 0 && report.left() == 0) {
            assertTrue(stillDue.isEmpty(), () -> "due candidates left undecided: " + stillDue + "; " + report.summary());
        } else {
            assertEquals(report.failed() + report.left(), stillDue.size(),
                    () -> "a failed delete stays a candidate: " + stillDue + "; "
                            + report.summary());
        }
        totals[10]++;
        totals[11] += report.deleted();
        totals[12] += report.referenced();
        totals[13] += report.failed();
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
     * @param confirmed the number a person confirmed after a refused run, or {@code null}
     */
    private OrphanReport checkedRun(boolean dryRun, Set<Key> uncommitted, Long confirmed) throws Exception {
        Map<Key, Listed> all = account();
        Map<Key, Instant> before = new HashMap<>();
        Map<Key, Listed> others = new HashMap<>();
        all.forEach((key, listed) -> {
            if (owner.owner().equals(listed.owner())) {
                before.put(key, listed.createdAt());
            } else {
                others.put(key, listed);
            }
        });
        Instant started = Instant.now();
        java.util.concurrent.Callable<OrphanReport> run = dryRun ? cleanup::findOrphans
                : confirmed == null ? cleanup::deleteOrphans : () -> cleanup.deleteOrphans(confirmed);
        OrphanReport report = other.submit(run).get();
        Instant ended = Instant.now();
        Map<Key, Listed> afterAll = account();
        Map<Key, Instant> after = new HashMap<>();
        afterAll.forEach((key, listed) -> {
            if (owner.owner().equals(listed.owner())) {
                after.put(key, listed.createdAt());
            }
        });
        Set<Key> referenced = committedReferences();

        for (Map.Entry<Key, Listed> foreign : others.entrySet()) {
            assertEquals(foreign.getValue(), afterAll.get(foreign.getKey()),
                    () -> "another owner's " + foreign.getKey() + " was touched; report: " + report);
        }
        totals[7] += others.size();
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
            if (created.isBefore(started.minus(grace))) {
                surelyOrphaned++;
            }
            if (!created.isAfter(ended.minus(grace))) {
                maybeOrphaned++;
            }
        }
        long owned = before.size();
        boolean mustTrip = confirmed == null
                && (surelyOrphaned > maxDeletes || owned > 0 && surelyOrphaned > maxRatio * owned);
        boolean mayPass = confirmed != null
                || maybeOrphaned <= maxDeletes && (owned == 0 || maybeOrphaned <= maxRatio * owned);
        boolean tripped = report.guardTripped().isPresent();
        String guard = "guard " + (tripped ? "tripped" : "passed") + " with " + surelyOrphaned + ".." + maybeOrphaned
                + " orphans of " + owned + " owned files: " + report;
        assertTrue(tripped || !mustTrip, guard);
        assertTrue(!tripped || !mayPass || confirmed != null && report.orphansFound() != confirmed, guard);
        totals[5] += tripped && !dryRun ? 1 : 0;
        totals[0] += report.deleted();
        totals[1] += report.referenced();
        totals[2] += report.tooYoung();
        totals[3] += report.excluded();
        assertTrue(report.complete(), () -> "incomplete: " + report);
        assertEquals(before.size(), report.scanned(), () -> "scanned: " + report);
        assertEquals(0, report.failed());
        String expected = surelyOrphaned + ".." + maybeOrphaned + " orphans expected: " + report;
        assertTrue(report.orphansFound() >= surelyOrphaned && report.orphansFound() <= maybeOrphaned, expected);
        if (dryRun || tripped) {
            assertEquals(before.keySet(), after.keySet(), "a dry run, or a run the guard stopped, deletes nothing");
            assertEquals(dryRun ? report.orphansFound() : 0, report.deleted(), expected);
        } else {
            assertEquals(report.orphansFound(), report.deleted(), expected);
            for (Map.Entry<Key, Instant> file : before.entrySet()) {
                Key key = file.getKey();
                if (!referenced.contains(key) && !key.publicId().startsWith("media/keep/")
                        && file.getValue().isBefore(started.minus(grace))) {
                    assertTrue(!after.containsKey(key), () -> "old orphan " + key + " survived; report: " + report);
                }
            }
            assertEquals(before.size() - after.size(), report.deleted(), () -> "deleted: " + report);
        }
        return report;
    }

    private Map<Key, Listed> account() {
        Map<Key, Listed> all = new HashMap<>();
        for (CloudinaryResourceType type : CloudinaryResourceType.values()) {
            MediaAccount.mediaWithOwners(cloudinary, type)
                    .forEach((id, listed) -> all.put(new Key(type, id), new Listed(listed.getKey(), listed.getValue())));
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
