package io.quarkiverse.cloudinary.storage.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.InvalidMediaNameException;

class MediaNameTest {

    @Test
    void prefixIsPutInFront() {
        assertEquals("media/avatars/cat.jpg", MediaName.stored(Optional.of("/media/"), "avatars/cat.jpg"));
        assertEquals("avatars/cat.jpg", MediaName.stored(Optional.empty(), "avatars/cat.jpg"));
    }

    @Test
    void rawKeepsTheExtensionImagesAndVideosDropIt() {
        assertEquals("docs/report.pdf", MediaName.publicId(CloudinaryResourceType.RAW, "docs/report.pdf"));
        assertEquals("avatars/cat", MediaName.publicId(CloudinaryResourceType.IMAGE, "avatars/cat.jpg"));
        assertEquals("clips/intro", MediaName.publicId(CloudinaryResourceType.VIDEO, "clips/intro.mp4"));
        assertEquals("my.dir/no-extension", MediaName.publicId(CloudinaryResourceType.IMAGE, "my.dir/no-extension"));
        assertEquals("dir/.profile", MediaName.publicId(CloudinaryResourceType.IMAGE, "dir/.profile"));
        assertEquals("archive.tar", MediaName.publicId(CloudinaryResourceType.IMAGE, "archive.tar.gz"));
    }

    @Test
    void listedAssetsMapBackToStoredNames() {
        assertEquals("avatars/cat.jpg", MediaName.fromPublicId(CloudinaryResourceType.IMAGE, "avatars/cat", "jpg"));
        assertEquals("docs/a.pdf", MediaName.fromPublicId(CloudinaryResourceType.RAW, "docs/a.pdf", null));
    }

    @Test
    void uniqueSuffixGoesBeforeTheExtension() {
        String unique = MediaName.withUniqueSuffix("avatars/cat.jpg");
        assertTrue(unique.matches("avatars/cat_[a-z0-9]{7}\\.jpg"), unique);
        assertNotEquals(unique, MediaName.withUniqueSuffix("avatars/cat.jpg"));
        assertTrue(MediaName.withUniqueSuffix("notes/readme").matches("notes/readme_[a-z0-9]{7}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "../etc/passwd|'..' segments are not allowed",
            "a/../b.txt|'..' segments are not allowed",
            "a/./b.txt|'.' segments are not allowed",
            "/etc/passwd|absolute paths are not allowed",
            "a\\b.txt|backslashes are not allowed",
            "a//b.txt|empty path segments are not allowed",
            "a/b/|empty path segments are not allowed",
            "a?b.txt|'?' is not allowed",
            "a#b.txt|'#' is not allowed",
            "a%20b.txt|'%' is not allowed",
            "v12/a.txt|would be read as a version",
    })
    void rejectsUnsafeNames(String name, String reason) {
        InvalidMediaNameException error = assertThrows(InvalidMediaNameException.class,
                () -> MediaName.stored(Optional.empty(), name));
        assertTrue(error.getMessage().contains(reason), error.getMessage());
        assertEquals(name, error.name());
    }

    @Test
    void rejectsControlCharactersEmptyAndOverlongNames() {
        assertThrows(InvalidMediaNameException.class, () -> MediaName.stored(Optional.empty(), "a\u0000b.txt"));
        assertThrows(InvalidMediaNameException.class, () -> MediaName.stored(Optional.empty(), "a\nb.txt"));
        assertThrows(InvalidMediaNameException.class, () -> MediaName.stored(Optional.empty(), ""));
        assertThrows(InvalidMediaNameException.class, () -> MediaName.stored(Optional.empty(), " a.txt"));
        String longest = "a".repeat(251) + ".txt";
        assertEquals(longest, MediaName.stored(Optional.empty(), longest));
        InvalidMediaNameException tooLong = assertThrows(InvalidMediaNameException.class,
                () -> MediaName.stored(Optional.empty(), "a" + longest));
        assertTrue(tooLong.getMessage().contains("256 characters"), tooLong.getMessage());
        assertThrows(InvalidMediaNameException.class, () -> MediaName.stored(Optional.of("media"), longest),
                "the prefix counts towards the limit");
    }

    @Test
    void controlCharactersAreEscapedInTheMessage() {
        InvalidMediaNameException error = assertThrows(InvalidMediaNameException.class,
                () -> MediaName.validate("a\u0007b"));
        assertTrue(error.getMessage().contains("a\\u0007b"), error.getMessage());
    }
}
