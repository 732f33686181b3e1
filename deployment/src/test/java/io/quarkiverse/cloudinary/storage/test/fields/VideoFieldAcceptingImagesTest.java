package io.quarkiverse.cloudinary.storage.test.fields;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkus.test.QuarkusUnitTest;

/** The video storage refuses everything but videos, so a video field accepting pictures is a contradiction. */
class VideoFieldAcceptingImagesTest {

    @Entity
    public static class Lesson {
        @Id
        public Long id;

        @CloudinaryFile(type = CloudinaryResourceType.VIDEO, accept = { "video/mp4", "image/png" })
        public String recording;
    }

    @RegisterExtension
    static final QuarkusUnitTest app = BuildFailures.failingBuild(Lesson.class, "recording",
            "accept = \"image/png\" on a video field, which only ever stores videos");

    @Test
    void buildFails() {
        fail("the build accepted a video field that accepts pictures");
    }
}
