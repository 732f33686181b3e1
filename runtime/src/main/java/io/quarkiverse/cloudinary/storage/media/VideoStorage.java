package io.quarkiverse.cloudinary.storage.media;

import java.io.InputStream;
import java.nio.file.Path;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;

/**
 * Stores videos. Content that is not a video, audio included, judged by its bytes and never by its name, is refused with
 * {@link io.quarkiverse.cloudinary.storage.InvalidVideoException} before anything is sent; {@link ContentCheck} says
 * what counts as a video.
 *
 * <pre>
 * &#64;Inject
 * VideoStorage videos;
 *
 * String stored = videos.save("clips/intro.mp4", fileUpload);
 * </pre>
 */
@Singleton
@Typed(VideoStorage.class)
public class VideoStorage extends CloudinaryStorage {

    private final ContentCheck videoCheck;

    public VideoStorage(CloudinaryOperations operations, MediaDownloads downloads, CloudinaryRuntimeConfig config,
            StorageOwner owner) {
        super(CloudinaryResourceType.VIDEO, config.media().deliveryType(), operations, downloads, config.media(), owner);
        this.videoCheck = ContentCheck.video(config.media().invalidVideoMessage());
    }

    @Override
    protected InputStream checkContent(String name, InputStream content) {
        return videoCheck.check(content, -1, name);
    }

    @Override
    protected void checkContent(String name, Path file) {
        videoCheck.check(file, name);
    }
}
