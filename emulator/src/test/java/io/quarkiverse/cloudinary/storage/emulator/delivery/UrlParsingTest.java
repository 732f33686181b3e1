package io.quarkiverse.cloudinary.storage.emulator.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.cloudinary.Cloudinary;
import com.cloudinary.Transformation;
import com.cloudinary.utils.ObjectUtils;

class UrlParsingTest {

    @Test
    void fullGrammar() throws Exception {
        DeliveryPath p = DeliveryPath.parse("image/authenticated/s--abcdEFGH--/c_fill,w_200/e_grayscale/v12/a/b%20c.jpg?_a=x");
        assertEquals("image", p.resourceType());
        assertEquals("authenticated", p.type());
        assertEquals("abcdEFGH", p.signature());
        assertEquals("c_fill,w_200/e_grayscale", p.transformation());
        assertEquals(2, p.steps().size());
        assertEquals("200", p.steps().get(0).get("w"));
        assertTrue(p.versioned());
        assertEquals("a/b%20c.jpg", p.rawRemainder());
        assertEquals("a/b c.jpg", p.remainder());
        assertEquals("c_fill,w_200/e_grayscale/a/b%20c.jpg", p.toSign());
    }

    @Test
    void foldersAreNotSteps() throws Exception {
        DeliveryPath p = DeliveryPath.parse("image/upload/my_folder/x.jpg");
        assertEquals(List.of(), p.steps());
        assertEquals("my_folder/x.jpg", p.remainder());
        DeliveryPath q = DeliveryPath.parse("image/upload/w_100_photos/x.jpg");
        assertEquals(List.of(), q.steps());
        assertEquals("Invalid width in transformation: 100_photos", q.pendingError());
        DeliveryPath r = DeliveryPath.parse("image/upload/v1/w_100/x.jpg");
        assertEquals("w_100/x.jpg", r.remainder());
        // the last segment is always the id, even if it looks like a step
        assertEquals("w_100", DeliveryPath.parse("raw/upload/w_100").remainder());
        // v<digits> as the whole id is an id, not a version
        assertEquals("v2", DeliveryPath.parse("raw/upload/v2").remainder());
    }

    @Test
    void malformedStepBeforeVersionIs400() {
        DeliveryException e = assertThrows(DeliveryException.class, () -> DeliveryPath.parse("image/upload/w_abc/v1/x.jpg"));
        assertEquals(400, e.status);
        assertEquals("Invalid width in transformation: abc", e.getMessage());
        assertThrows(DeliveryException.class, () -> DeliveryPath.parse("image/upload/bogus_1/v1/x.jpg"));
    }

    @Test
    void stepValues() {
        assertTrue(TransformStep.parse("w_0.5,h_auto,c_fill,g_south_east") instanceof TransformStep.Valid);
        assertTrue(TransformStep.parse("w_iw_mul_0.5") instanceof TransformStep.Valid);
        assertTrue(TransformStep.parse("$w_100,w_$w") instanceof TransformStep.Valid);
        assertTrue(TransformStep.parse("l_text:Arial_20:hi,fl_layer_apply") instanceof TransformStep.Valid);
        assertTrue(TransformStep.parse("if_w_gt_100") instanceof TransformStep.Valid);
        assertTrue(TransformStep.parse("photos") instanceof TransformStep.NotAStep);
        assertTrue(TransformStep.parse("w_100,photos_x") instanceof TransformStep.NotAStep);
        assertTrue(TransformStep.parse("w_abc") instanceof TransformStep.Invalid);
    }

    @Test
    void shortOrBrokenPaths() throws Exception {
        assertNull(DeliveryPath.parse("image/upload"));
        assertNull(DeliveryPath.parse(""));
        assertNull(DeliveryPath.parse("image/upload/bad%zzescape").remainder());
        assertEquals("a+b", DeliveryPath.parse("raw/upload/a+b").remainder());
        assertFalse(DeliveryPath.parse("image//upload//x.png").versioned());
        assertEquals("x.png", DeliveryPath.parse("image//upload//x.png").remainder());
    }

    @Test
    void documentedSignatureExamples() {
        assertEquals("kF0Ca6Op", UrlSignature.compute("c_scale,w_100/sample.jpg", "abcdEFGHsecret", "SHA-1", 8));
        assertEquals("8PXVk8na", UrlSignature.compute("dir/sample.jpg", "abcdEFGHsecret", "SHA-1", 8));
        assertTrue(UrlSignature.verify("Gt-SETOU", "sample.jpg", "s"));
        assertTrue(UrlSignature.verify("Gt-SETOUq23uDsVtSv39pPjpERs2SQlH", "sample.jpg", "s"));
        assertFalse(UrlSignature.verify("Gt-SETOV", "sample.jpg", "s"));
        assertFalse(UrlSignature.verify(null, "sample.jpg", "s"));
    }

    @Test
    void sdkSignaturesVerify() throws Exception {
        Cloudinary c = new Cloudinary(ObjectUtils.asMap("cloud_name", "demo", "api_key", "k", "api_secret",
                "abcdEFGHsecret"));
        String[] urls = {
                c.url().signed(true).type("authenticated").version(5).generate("dir/sample.jpg"),
                c.url().signed(true).transformation(new Transformation().crop("scale").width(100)).generate("sample.jpg"),
                c.url().signed(true).type("authenticated").transformation(new Transformation().width(10).chain()
                        .angle(90)).format("png").generate("a b/ü+x"),
                c.url().signed(true).longUrlSignature(true).type("authenticated").generate("x/y.png") };
        assertTrue(urls[0].contains("s--8PXVk8na--"), urls[0]);
        assertTrue(urls[1].contains("s--kF0Ca6Op--"), urls[1]);
        for (String url : urls) {
            String rest = url.substring(url.indexOf("/demo/") + 6);
            DeliveryPath p = DeliveryPath.parse(rest);
            assertTrue(UrlSignature.verify(p.signature(), p.toSign(), "abcdEFGHsecret"), url);
            assertFalse(UrlSignature.verify(p.signature(), p.toSign(), "other"), url);
        }
    }

    @Test
    void byteRanges() {
        assertEquals(new ByteRange(0, 9), ByteRange.parse("bytes=0-9", 100));
        assertEquals(new ByteRange(90, 99), ByteRange.parse("bytes=90-", 100));
        assertEquals(new ByteRange(90, 99), ByteRange.parse("bytes=90-500", 100));
        assertEquals(new ByteRange(95, 99), ByteRange.parse("bytes=-5", 100));
        assertEquals(new ByteRange(0, 99), ByteRange.parse("bytes=-500", 100));
        assertEquals(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=100-", 100));
        assertEquals(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=-0", 100));
        assertNull(ByteRange.parse("bytes=5-1", 100));
        assertNull(ByteRange.parse("bytes=0-1,5-6", 100));
        assertNull(ByteRange.parse("items=0-1", 100));
        assertNull(ByteRange.parse(null, 100));
    }

    @Test
    void cacheIsBounded() {
        DerivedCache cache = new DerivedCache(1000);
        for (int i = 0; i < 50; i++) {
            cache.put(new DerivedCache.Key("e" + i, "w_1", "png"), new DerivedCache.Entry(new byte[100], "png", "x"));
        }
        assertEquals(10, cache.size());
        assertNull(cache.get(new DerivedCache.Key("e0", "w_1", "png")));
        cache.put(new DerivedCache.Key("big", "w_1", "png"), new DerivedCache.Entry(new byte[600], "png", "x"));
        assertNull(cache.get(new DerivedCache.Key("big", "w_1", "png")));
    }
}
