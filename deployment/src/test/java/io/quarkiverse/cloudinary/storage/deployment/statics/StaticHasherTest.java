package io.quarkiverse.cloudinary.storage.deployment.statics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;

/** Hashed names and style sheet rewriting, without an application around them. */
class StaticHasherTest {

    private final StaticHasher hasher = new StaticHasher(
            path -> path.endsWith(".png") ? CloudinaryResourceType.IMAGE : CloudinaryResourceType.RAW, "static");

    private Map<String, HashedStaticFile> hash(String... pathsAndContents) {
        List<StaticFile> files = new ArrayList<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            String path = pathsAndContents[i];
            byte[] content = pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
            // as the build scan gives them: a style sheet with its content, every other file by size and digest
            files.add(new StaticFile(path, content.length, StaticHasher.md5(content),
                    StaticHasher.isStyleSheet(path) ? content : null, null));
        }
        Map<String, HashedStaticFile> byPath = new LinkedHashMap<>();
        hasher.hash(files).forEach(f -> byPath.put(f.path(), f));
        return byPath;
    }

    private static String text(HashedStaticFile file) {
        return new String(file.styleSheet(), StandardCharsets.UTF_8);
    }

    private static String local(HashedStaticFile file) {
        return new String(file.localStyleSheet(), StandardCharsets.UTF_8);
    }

    @Test
    void namesCarryTwelveHexOfTheContentMd5() {
        HashedStaticFile file = hash("js/app.js", "let a = 1;").get("js/app.js");
        String md5 = StaticHasher.md5("let a = 1;".getBytes(StandardCharsets.UTF_8));
        assertEquals("js/app." + md5.substring(0, 12) + ".js", file.hashedPath());
        assertEquals(md5, file.md5());
        assertFalse(file.rewritten());
        assertEquals("LICENSE.0123456789ab", StaticHasher.hashedPath("LICENSE", "0123456789ab"));
        assertEquals("a.b/c.0123456789ab", StaticHasher.hashedPath("a.b/c", "0123456789ab"));
        assertEquals("a/x.min.0123456789ab.js", StaticHasher.hashedPath("a/x.min.js", "0123456789ab"));
    }

    @Test
    void nestedReferencesAreHashedFirstAndPropagate() {
        String[] files = { "css/site.css", "@import \"parts/base.css\";\nbody { color: red; }",
                "css/parts/base.css", "h1 { background: url(../../img/logo.png); }",
                "img/logo.png", "PNG-1" };
        Map<String, HashedStaticFile> first = hash(files);
        HashedStaticFile logo = first.get("img/logo.png");
        HashedStaticFile base = first.get("css/parts/base.css");
        assertEquals("h1 { background: url(../../../../../../image/upload/v1/static/" + logo.hashedPath() + "); }",
                text(base), "a raw style sheet climbs to the image resource type");
        assertEquals("h1 { background: url(../../" + logo.hashedPath() + "); }", local(base));
        assertEquals("@import \"" + base.hashedPath().substring("css/".length()) + "\";\nbody { color: red; }",
                text(first.get("css/site.css")));
        assertEquals(StaticHasher.md5(base.styleSheet()), base.md5());

        files[5] = "PNG-2";
        Map<String, HashedStaticFile> second = hash(files);
        for (String path : List.of("img/logo.png", "css/parts/base.css", "css/site.css")) {
            assertNotEquals(first.get(path).hashedPath(), second.get(path).hashedPath(),
                    path + " changes with the image it depends on");
        }
    }

    @Test
    void cyclesGetStableNamesThatChangeWithAnyMember() {
        String[] files = { "css/a.css", "@import 'b.css'; .a { }", "css/b.css", ".b { background: url(a.css#top) }",
                "css/c.css", ".c { background: url(c.css) }" };
        Map<String, HashedStaticFile> first = hash(files);
        Map<String, HashedStaticFile> again = hash(files);
        HashedStaticFile a = first.get("css/a.css");
        HashedStaticFile b = first.get("css/b.css");
        assertEquals(a.hashedPath(), again.get("css/a.css").hashedPath(), "deterministic");
        assertNotEquals(a.hashedPath(), b.hashedPath());
        assertEquals("@import '" + b.hashedPath().substring(4) + "'; .a { }", text(a));
        assertEquals(".b { background: url(" + a.hashedPath().substring(4) + "#top) }", text(b));
        HashedStaticFile c = first.get("css/c.css");
        assertEquals(".c { background: url(" + c.hashedPath().substring(4) + ") }", text(c), "a style sheet naming itself");

        files[3] = ".b { background: url(a.css#top); color: blue }";
        Map<String, HashedStaticFile> changed = hash(files);
        assertNotEquals(a.hashedPath(), changed.get("css/a.css").hashedPath());
        assertNotEquals(b.hashedPath(), changed.get("css/b.css").hashedPath());
        assertEquals(c.hashedPath(), changed.get("css/c.css").hashedPath(), "outside the cycle nothing changes");
    }

    @Test
    void queriesFragmentsAndQuotesStay() {
        Map<String, HashedStaticFile> files = hash("css/fonts.css", """
                @font-face { src: url('f.woff2?v=4.7#iefix') format('woff2'), url( "f.woff2#x" ), url(f.woff2?a=1); }
                @import url("other.css?media=print");
                """, "css/f.woff2", "font", "css/other.css", "p { }");
        String f = files.get("css/f.woff2").hashedPath().substring(4);
        String other = files.get("css/other.css").hashedPath().substring(4);
        assertEquals("""
                @font-face { src: url('%1$s?v=4.7#iefix') format('woff2'), url( "%1$s#x" ), url(%1$s?a=1); }
                @import url("%2$s?media=print");
                """.formatted(f, other), text(files.get("css/fonts.css")));
    }

    @Test
    void externalDataFragmentAndMissingReferencesAreUntouched() {
        String css = """
                a { background: url(data:image/gif;base64,R0lGOD==); }
                b { background: url("https://cdn.example.com/x.png"); }
                c { background: url(//cdn.example.com/y.png); }
                d { filter: url(#blur); }
                e { background: url(../missing.png); }
                f { background: url(../../outside-the-root.png); }
                @import "http://example.com/remote.css";
                """;
        HashedStaticFile file = hash("css/x.css", css).get("css/x.css");
        assertEquals(css, text(file));
        assertFalse(file.rewritten());
    }

    @Test
    void rootRelativeReferencesBecomeRelativeOnCloudinaryAndStayAbsoluteLocally() {
        Map<String, HashedStaticFile> files = hash("css/x.css", "i { background: url(/img/a.png) }",
                "js/y.js", "1", "css/z.css", "i { background: url(/js/y.js) }", "img/a.png", "PNG");
        String image = files.get("img/a.png").hashedPath();
        assertEquals("i { background: url(../../../../../image/upload/v1/static/" + image + ") }",
                text(files.get("css/x.css")));
        assertEquals("i { background: url(/" + image + ") }", local(files.get("css/x.css")));
        String scriptPath = files.get("js/y.js").hashedPath();
        assertEquals("i { background: url(../js/" + scriptPath.substring(3) + ") }", text(files.get("css/z.css")),
                "same resource type: plain relative path");
        HashedStaticFile script = files.get("js/y.js");
        assertEquals(null, script.styleSheet(), "a file that is not a style sheet is never held");
        assertEquals(1, script.bytes());
        assertEquals(StaticHasher.md5("1".getBytes(StandardCharsets.UTF_8)), script.md5());
        assertTrue(files.get("css/x.css").rewritten());
    }

    @Test
    void resolvingAndRelativePaths() {
        assertEquals("img/a.png", StaticHasher.resolve("css/site.css", "../img/./a.png"));
        assertEquals("img/a.png", StaticHasher.resolve("css/site.css", "/img/a.png"));
        assertEquals(null, StaticHasher.resolve("site.css", "../a.png"));
        assertEquals("../img/a.png", StaticHasher.relative("css", "img/a.png"));
        assertEquals("a.png", StaticHasher.relative("css", "css/a.png"));
        assertEquals("css/a.png", StaticHasher.relative("", "css/a.png"));
    }
}
