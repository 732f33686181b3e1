package io.quarkiverse.cloudinary.storage.test.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkiverse.cloudinary.storage.media.ImageStorage;
import io.quarkiverse.cloudinary.storage.test.LogMessages;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A file stored into a field inside a transaction that rolls back is deleted, and the log says so at INFO with its
 * name: no file vanishes silently. A committed one stays, and nothing is logged about it.
 */
class RollbackDeleteIsLoggedTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(Product.class, LogMessages.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:rollback-log;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "drop-and-create");

    @Inject
    CloudinaryFiles files;

    @Inject
    ImageStorage images;

    @Inject
    TransactionManager transactions;

    @Test
    void aRolledBackUploadIsDeletedAndLoggedByName() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(CloudinaryFiles.class.getName());
        logger.addHandler(capture);
        try {
            transactions.begin();
            String rolledBack = files.store(new Product(), "photo", "rolled-back.png", png());
            assertTrue(images.exists(rolledBack), "stored while the transaction runs");
            transactions.rollback();

            transactions.begin();
            String committed = files.store(new Product(), "photo", "committed.png", png());
            transactions.commit();

            assertFalse(images.exists(rolledBack), "the rollback deleted " + rolledBack);
            assertTrue(images.exists(committed));
            List<String> messages = records.stream().map(LogMessages::formatted).toList();
            List<LogRecord> deletes = records.stream().filter(r -> LogMessages.formatted(r).contains(rolledBack)).toList();
            assertEquals(1, deletes.size(), messages.toString());
            assertEquals(Level.INFO, deletes.get(0).getLevel(), messages.toString());
            assertTrue(LogMessages.formatted(deletes.get(0)).contains("rolled back"), messages.toString());
            assertTrue(messages.stream().noneMatch(m -> m.contains(committed)), messages.toString());
        } finally {
            logger.removeHandler(capture);
        }
    }

    private static ByteArrayInputStream png() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(6, 6, BufferedImage.TYPE_INT_RGB), "png", bytes);
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
