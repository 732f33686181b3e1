package io.quarkiverse.cloudinary.storage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkiverse.cloudinary.storage.media.ImageStorage;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanup;
import io.quarkiverse.cloudinary.storage.orphans.OrphanReport;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Asks the database how it runs every reference query the orphan cleanup sends, for each shape of attribute (a plain
 * column, an embeddable's column, an element collection, an element collection of embeddables), and asserts that each
 * one is answered through the index on its column, not by reading the table. On H2 (the default) its {@code EXPLAIN}
 * names the index; on PostgreSQL ({@code -Ppostgresql}) sequential scans are switched off for the {@code EXPLAIN}, so a
 * plan without an {@code Index Cond} on the column can only mean that no index can answer the query. The demo's tables
 * are nearly empty, so the planner's preference for small tables says nothing either way.
 */
@QuarkusTest
class ReferenceQueryPlansTest {

    private static final Duration OLD = Duration.ofHours(2);
    /** The file columns of the demo, as table.column in lower case, with the kind of query asked of them. */
    private static final Set<String> EXACT = Set.of("mediaitem.image", "mediaitem.document", "mediaitem.video",
            "album.image", "album_photos.photos", "album_pages.image");
    private static final Set<String> BY_PREFIX = Set.of("mediaitem.image", "mediaitem.video", "album.image",
            "album_photos.photos", "album_pages.image");
    private static final Pattern FILE_COLUMN = Pattern.compile(
            "from (\\w+) (\\w+)(?: join (\\w+) (\\w+) on .*?)? where (\\w+)\\.(\\w+) (in|like) ");

    @Inject
    OrphanCleanup cleanup;

    @Inject
    CloudinaryOperations operations;

    @Inject
    StorageOwner owner;

    @Inject
    CloudinaryFiles files;

    @Inject
    ImageStorage images;

    @Inject
    AgroalDataSource dataSource;

    EmulatorControlClient emulator;

    @BeforeEach
    void freshAccountAndTables() {
        emulator = Emulator.reset(operations);
        MediaAccount.clearRows();
    }

    @AfterEach
    void noRowsLeft() throws SQLException {
        MediaAccount.clearRows();
        prefixIndexes("drop index if exists %1$s_%2$s_prefix");
    }

    /**
     * What orphans.adoc asks of PostgreSQL databases whose collation is not C (the default here is C.UTF-8), for files
     * with no recorded name: an index with the pattern operator class. Only the prefix queries are explained with them.
     */
    private void prefixIndexes(String sql) throws SQLException {
        if (!postgresql()) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String column : BY_PREFIX) {
                String[] tableColumn = column.split("\\.");
                statement.execute(String.format(sql, tableColumn[0], tableColumn[1]));
            }
        }
    }

    @Test
    void everyReferenceQueryIsAnsweredThroughTheIndexOfItsColumn() throws SQLException {
        // files with no recorded name (seeded as another tool would upload them) are asked for exactly and by prefix
        for (String folder : List.of("items/images", "albums/photos", "albums/covers", "albums/pages")) {
            emulator.seed("image", "media/" + folder + "/seeded-", ".png", 2, 10, "media", OLD, owner.context());
        }
        emulator.seed("video", "media/items/videos/seeded-", ".mp4", 2, 10, "media", OLD, owner.context());
        emulator.seed("raw", "media/items/documents/seeded-", ".pdf", 2, 10, "media", OLD, owner.context());

        List<String> statements = recording(cleanup::findOrphans);

        Set<String> exact = new TreeSet<>();
        Set<String> byPrefix = new TreeSet<>();
        // exact queries against the plain indexes alone, then prefix queries with the pattern indexes added
        for (String kind : List.of("in", "like")) {
            if (kind.equals("like")) {
                prefixIndexes("create index if not exists %1$s_%2$s_prefix on %1$s (%2$s varchar_pattern_ops)");
            }
            for (String sql : statements) {
                Matcher column = FILE_COLUMN.matcher(sql.toLowerCase(Locale.ROOT));
                if (!column.find() || !column.group(7).equals(kind)) {
                    continue;
                }
                String alias = column.group(5);
                String table = alias.equals(column.group(2)) ? column.group(1) : column.group(3);
                String tableColumn = table + "." + column.group(6);
                (kind.equals("in") ? exact : byPrefix).add(tableColumn);
                String plan = plan(sql, kind.equals("like") ? tableColumn : null);
                assertUsesIndex(tableColumn, sql, plan);
                // the plan's access lines, for the record
                System.out.printf("EXPLAIN %s (%s, %d branches): %s%n", tableColumn, kind,
                        sql.toLowerCase(Locale.ROOT).split(" union all ", -1).length, plan.lines()
                                .filter(line -> line.contains("/*") || line.contains("Scan") || line.contains("Index Cond"))
                                .map(String::strip).distinct().limit(4).toList());
            }
        }
        assertEquals(new TreeSet<>(EXACT), exact, "an exact query per attribute: " + statements);
        assertEquals(new TreeSet<>(BY_PREFIX), byPrefix, "a prefix query per image and video attribute: " + statements);
    }

    @Test
    void filesUploadedThroughTheStoragesAreDecidedByExactNamesAlone() {
        QuarkusTransaction.requiringNew().run(() -> {
            MediaItem item = new MediaItem();
            item.title = "kept";
            // a PNG under a .jpg name: Cloudinary lists it as png, its context records photo.jpg
            files.store(item, "image", "photo.jpg", new ByteArrayInputStream(PictureResourceTest.png(8, 8)));
            item.persist();
        });
        String orphan = images.save("items/images/gone.PNG", new ByteArrayInputStream(PictureResourceTest.png(9, 8)));
        emulator.backdate("", OLD);

        List<String> statements = recording(cleanup::findOrphans);

        assertTrue(statements.stream().noneMatch(sql -> sql.toLowerCase(Locale.ROOT).contains(" like ")),
                () -> "no prefix query: " + statements);
        assertTrue(statements.stream().anyMatch(sql -> sql.toLowerCase(Locale.ROOT).contains(" in (")), "exact queries");
        OrphanReport report = cleanup.findOrphans();
        assertEquals(1, report.referenced(), report.toString());
        assertEquals(List.of("media/items/images/gone"), report.orphans().stream().map(o -> o.publicId()).toList(),
                orphan + " is the only orphan");
    }

    private static List<String> recording(Runnable run) {
        RecordedStatements.start();
        try {
            run.run();
        } catch (RuntimeException e) {
            RecordedStatements.stop();
            throw e;
        }
        return RecordedStatements.stop();
    }

    /**
     * The query's plan. On PostgreSQL a prefix query is explained with its column's plain index set aside (dropped in a
     * transaction that is rolled back): on tables of a few rows both indexes cost the planner alike, and it may read the
     * whole plain index rather than look the prefix up in the pattern index, which it prefers on real tables.
     *
     * @param patternColumn the {@code table.column} of a prefix query, null for an exact one
     */
    private String plan(String sql, String patternColumn) throws SQLException {
        String explained = "explain " + sql.replace("?", "'media/x/none.%'");
        StringBuilder plan = new StringBuilder();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            boolean postgresql = postgresql();
            if (postgresql) {
                connection.setAutoCommit(false);
                statement.execute("set local enable_seqscan = off");
                if (patternColumn != null) {
                    for (String index : plainIndexes(connection, patternColumn)) {
                        statement.execute("drop index " + index);
                    }
                }
            }
            try (ResultSet rows = statement.executeQuery(explained)) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            } finally {
                if (postgresql) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            }
        }
        return plan.toString();
    }

    /** The indexes of one column without the pattern operator class. */
    private static List<String> plainIndexes(Connection connection, String tableColumn) throws SQLException {
        String[] parts = tableColumn.split("\\.");
        List<String> names = new ArrayList<>();
        try (var query = connection.prepareStatement("select indexname, indexdef from pg_indexes where tablename = ?")) {
            query.setString(1, parts[0]);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String definition = rows.getString(2).toLowerCase(Locale.ROOT);
                    if (definition.endsWith("(" + parts[1] + ")")) {
                        names.add(rows.getString(1));
                    }
                }
            }
        }
        return names;
    }

    /**
     * Every branch of the query (a prefix query is a union, one branch per prefix) reads its column through an index
     * condition: not the table, not the whole index.
     */
    private void assertUsesIndex(String tableColumn, String sql, String plan) throws SQLException {
        String lower = plan.toLowerCase(Locale.ROOT);
        String column = tableColumn.substring(tableColumn.indexOf('.') + 1);
        int branches = sql.toLowerCase(Locale.ROOT).split(" union all ", -1).length;
        if (postgresql()) {
            assertFalse(lower.contains("seq scan"), () -> tableColumn + " is read whole:\n" + sql + "\n" + plan);
            long lookups = lower.lines().filter(line -> line.contains("index cond:")
                    && Pattern.compile("\\b" + column + "\\b").matcher(line).find()).count();
            assertTrue(lookups >= branches,
                    () -> tableColumn + " is not looked up through an index in every branch:\n" + sql + "\n" + plan);
        } else {
            // H2 names the index it reads in a comment, with the condition it looks up after a colon
            Matcher access = Pattern.compile("/\\* public\\.[^*]*\\*/").matcher(lower);
            long lookups = 0;
            while (access.find()) {
                String comment = access.group();
                assertTrue(comment.contains(":"), () -> tableColumn + " is read whole (" + comment + "):\n" + sql
                        + "\n" + plan);
                if (Pattern.compile(":.*\\b" + column + "\\b").matcher(comment).find()) {
                    lookups++;
                }
            }
            long found = lookups;
            assertTrue(found >= branches,
                    () -> tableColumn + " is not looked up through an index in every branch:\n" + sql + "\n" + plan);
        }
    }

    private boolean postgresql() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        }
    }
}
