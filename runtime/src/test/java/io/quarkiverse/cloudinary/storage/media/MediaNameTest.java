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

    @ParameterizedTest(name = "a client''s \"{0}\" is stored as \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Q&A.png|Q_A.png",
            "100%.png|100_.png",
            "a?b#c+d<e>f.png|a_b_c_d_e_f.png",
            "what%20is.txt|what_20is.txt",
            "my photo.jpg|my photo.jpg",
            "été à Zürich.jpg|été à Zürich.jpg",
            "../../etc/passwd|passwd",
            "..|file",
            ".|file",
            "...|file",
            "..png|file.png",
            "C:\\Users\\me\\cat.jpg|cat.jpg",
            "uploads/2026/cat.jpg|cat.jpg",
            "  padded.png  |padded.png",
            "trailing.dot.|trailing.dot",
            ".htaccess|.htaccess",
            "\"\"|file",
    })
    void clientNamesAreCleanedNotRefused(String client, String cleaned) {
        String name = MediaName.clientFileName("media/items/", client);
        assertEquals(cleaned, name);
        MediaName.validate("media/items/" + name);
    }

    @Test
    void controlAndInvisibleFormattingCharactersAreDropped() {
        assertEquals("ab.png", MediaName.clientFileName("", "a\u0000\u0007\nb\t.png"));
        // a right-to-left override would show "photo\u202Egnp.exe" as "photoexe.png"
        assertEquals("photognp.exe", MediaName.clientFileName("", "photo\u202Egnp.exe"));
        assertEquals("ab.png", MediaName.clientFileName("", "a\ud800b.png"), "a lone surrogate");
        assertEquals("file", MediaName.clientFileName("", null));
    }

    @Test
    void longNamesAreShortenedKeepingTheExtensionAndRoomForTheSuffix() {
        String folder = "media/items/images/";
        String name = MediaName.clientFileName(folder, "n".repeat(400) + ".jpeg");
        assertEquals(255 - 8, folder.length() + name.length(), "room is left for the unique suffix");
        assertTrue(name.endsWith("nnn.jpeg"), name);
        String unique = MediaName.withUniqueSuffix(folder + name);
        assertEquals(255, unique.length());
        MediaName.validate(unique);

        String emoji = "\uD83D\uDE00".repeat(200) + ".png";
        String shortened = MediaName.clientFileName(folder, emoji);
        assertTrue(shortened.length() <= 255 - 8 - folder.length());
        assertTrue(shortened.endsWith(".png"));
        assertEquals(shortened.length() - 4, shortened.codePointCount(0, shortened.length() - 4) * 2,
                "no emoji is cut in half");

        String longExtension = "a." + "x".repeat(300);
        String cut = MediaName.clientFileName("", longExtension);
        assertEquals(247, cut.length(), "an extension that long is part of the name");
    }

    @Test
    void aFolderThatLeavesNoRoomIsTheDeveloperSMistake() {
        InvalidMediaNameException error = assertThrows(InvalidMediaNameException.class,
                () -> MediaName.clientFileName("f".repeat(246) + "/", "a.png"));
        assertTrue(error.getMessage().contains("leaves no room"), error.getMessage());
    }
}
