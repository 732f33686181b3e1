package io.quarkiverse.cloudinary.storage.emulator.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;

/** Keeps blobs as files in a directory, so they survive restarts and never sit on the heap. */
public final class DirectoryBlobStore implements BlobStore {

    private final Path directory;

    public DirectoryBlobStore(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    @Override
    public StoredBlob write(InputStream content) throws IOException {
        String key = UUID.randomUUID().toString();
        Path temporary = directory.resolve(key + ".part");
        long size;
        DigestOutputStream digesting;
        try (OutputStream out = Files.newOutputStream(temporary)) {
            digesting = new DigestOutputStream(out, Digests.md5());
            size = content.transferTo(digesting);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        // readers never see a half-written blob
        Files.move(temporary, file(key), StandardCopyOption.ATOMIC_MOVE);
        return new StoredBlob(key, size, HexFormat.of().formatHex(digesting.getMessageDigest().digest()));
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(existing(key));
    }

    @Override
    public long size(String key) throws IOException {
        return Files.size(existing(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(file(key));
    }

    @Override
    public void clear() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().endsWith(".blob")) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @Override
    public String description() {
        return "directory " + directory.toAbsolutePath();
    }

    private Path existing(String key) throws NoSuchFileException {
        Path file = file(key);
        if (!Files.exists(file)) {
            throw new NoSuchFileException(key);
        }
        return file;
    }

    private Path file(String key) {
        if (!key.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("not a blob key: " + key);
        }
        return directory.resolve(key + ".blob");
    }
}
