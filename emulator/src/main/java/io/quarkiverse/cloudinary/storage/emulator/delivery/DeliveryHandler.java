package io.quarkiverse.cloudinary.storage.emulator.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorAccount;
import io.quarkiverse.cloudinary.storage.emulator.model.Asset;
import io.quarkiverse.cloudinary.storage.emulator.model.AssetLookup;
import io.quarkiverse.cloudinary.storage.emulator.store.BlobStore;

/**
 * Serves delivery URLs: finds the asset a URL names, enforces signatures for private and authenticated assets,
 * and answers with the original bytes (streamed, with ranges) or an image derivative.
 */
public final class DeliveryHandler {

    private static final String CACHE_CONTROL = "public, max-age=2592000";
    private static final long CACHE_BYTES = 64L * 1024 * 1024;

    private final AssetLookup assets;
    private final BlobStore blobs;
    private final DerivedCache cache = new DerivedCache(CACHE_BYTES);

    public DeliveryHandler(AssetLookup assets, BlobStore blobs) {
        this.assets = assets;
        this.blobs = blobs;
    }

    /** What one request resolved to. */
    private record Target(Asset asset, DeliveryPath path, String requestedFormat) {
    }

    /**
     * Answers a GET or HEAD whose path was {@code /<cloud>/<rest>}; the router has already resolved the account,
     * counted the request, applied latency and faults.
     *
     * @param account the account named by the first path segment
     * @param rest the raw (still percent-encoded) path after {@code /<cloud>/}, e.g.
     *        {@code image/upload/c_fill,w_200/v1/a/b.jpg}
     */
    public void handle(HttpExchange exchange, EmulatorAccount account, String rest) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Target target = resolve(account, rest);
            serve(exchange, target);
        } catch (DeliveryException e) {
            // a blob can vanish after the success headers were prepared; none of them may leak into the error
            exchange.getResponseHeaders().clear();
            exchange.getResponseHeaders().set("X-Cld-Error", e.getMessage());
            exchange.getResponseHeaders().set("Access-Control-Expose-Headers", "X-Cld-Error");
            exchange.sendResponseHeaders(e.status, -1);
        } finally {
            exchange.close();
        }
    }

    private Target resolve(EmulatorAccount account, String rest) throws DeliveryException {
        DeliveryPath path = DeliveryPath.parse(rest == null ? "" : rest);
        if (path == null) {
            throw DeliveryException.notFound("");
        }
        checkSignature(account, path);
        Target found = find(account, path);
        DeliveryPath folders = path.asFolders();
        if (found == null && folders != null) {
            found = find(account, folders);
        }
        if (found != null) {
            // access_mode=authenticated: an asset of type upload delivered as if its type were authenticated
            if (found.asset().authenticatedAccess() && path.signature() == null) {
                throw new DeliveryException(401, "deny or ACL failure");
            }
            return found;
        }
        if (path.pendingError() != null) {
            throw new DeliveryException(400, path.pendingError());
        }
        throw DeliveryException.notFound(idWithoutFormat(path));
    }

    private static void checkSignature(EmulatorAccount account, DeliveryPath path) throws DeliveryException {
        // private derivatives are public; authenticated ones are not
        boolean required = path.type().equals("authenticated")
                || path.type().equals("private") && path.transformation().isEmpty();
        if ((required || path.signature() != null)
                && !UrlSignature.verify(path.signature(), path.toSign(), account.apiSecret())) {
            throw new DeliveryException(401, "deny or ACL failure");
        }
    }

    private Target find(EmulatorAccount account, DeliveryPath path) {
        String id = path.remainder();
        if (id == null || id.isEmpty()) {
            return null;
        }
        String rt = path.resourceType();
        if (rt.equals("raw")) {
            return lookup(account, path, id, null);
        }
        if (!rt.equals("image") && !rt.equals("video")) {
            return null;
        }
        int slash = id.lastIndexOf('/');
        int dot = id.lastIndexOf('.');
        if (dot > slash + 1 && dot < id.length() - 1) {
            Target t = lookup(account, path, id.substring(0, dot), id.substring(dot + 1));
            if (t != null) {
                return t;
            }
        }
        return lookup(account, path, id, null);
    }

    private Target lookup(EmulatorAccount account, DeliveryPath path, String id, String format) {
        Optional<Asset> a = assets.find(account.cloudName(), path.resourceType(), path.type(), id);
        return a.map(asset -> new Target(asset, path, format)).orElse(null);
    }

    private static String idWithoutFormat(DeliveryPath path) {
        String id = path.remainder() == null ? path.rawRemainder() : path.remainder();
        if (path.resourceType().equals("raw")) {
            return id;
        }
        int slash = id.lastIndexOf('/');
        int dot = id.lastIndexOf('.');
        return dot > slash + 1 ? id.substring(0, dot) : id;
    }

    private void serve(HttpExchange exchange, Target t) throws IOException, DeliveryException {
        Asset asset = t.asset();
        if (asset.resourceType().equals("image")) {
            DerivedCache.Entry derived = derive(t);
            if (derived != null) {
                byte[] b = derived.bytes();
                sendBytes(exchange, asset, ContentTypes.forFormat(derived.format()), derived.etag(), b.length,
                        range -> range == null ? b
                                : java.util.Arrays.copyOfRange(b, (int) range.start(),
                                        (int) range.end() + 1));
                return;
            }
        }
        // raw files, videos (which the emulator cannot transcode) and images that need no change
        String type = asset.resourceType().equals("raw") ? ContentTypes.forFileName(asset.publicId())
                : ContentTypes.forFormat(asset.format());
        long size;
        try {
            size = blobs.size(asset.blobKey());
        } catch (NoSuchFileException e) {
            throw DeliveryException.notFound(asset.publicId());
        }
        streamOriginal(exchange, asset, type, size);
    }

    /** @return the derivative to serve, or {@code null} when the original bytes answer the request */
    private DerivedCache.Entry derive(Target t) throws IOException, DeliveryException {
        Asset asset = t.asset();
        List<TransformStep> steps = t.path().steps();
        String requested = t.requestedFormat();
        for (TransformStep s : steps) {
            String f = s.get("f");
            if (f != null && !f.startsWith("auto")) {
                requested = f; // fetch_format wins over the extension, as in Cloudinary
            }
        }
        String stored = ContentTypes.canonical(asset.format());
        boolean convert = requested != null && !ContentTypes.canonical(requested).equals(stored);
        if (!convert && !ImageTransformer.changesPixels(steps)) {
            return null;
        }
        String out = ImageTransformer.outputFormat(requested == null ? stored : requested, stored);
        if (out.equals(stored) && !ImageTransformer.changesPixels(steps)) {
            return null; // asked for a format ImageIO cannot write: the original is the honest answer
        }
        DerivedCache.Key key = new DerivedCache.Key(asset.etag(), t.path().transformation(), out);
        DerivedCache.Entry hit = cache.get(key);
        if (hit != null) {
            return hit;
        }
        byte[] original;
        try (InputStream in = blobs.open(asset.blobKey())) {
            original = in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw DeliveryException.notFound(asset.publicId());
        }
        ImageTransformer.Rendered r = ImageTransformer.render(original, steps, out);
        if (r == null) {
            return null; // ImageIO cannot read this format: serve it unchanged rather than fail
        }
        DerivedCache.Entry entry = new DerivedCache.Entry(r.bytes(), r.format(), md5(r.bytes()));
        cache.put(key, entry);
        return entry;
    }

    private interface Slicer {
        byte[] slice(ByteRange range);
    }

    private static void sendBytes(HttpExchange exchange, Asset asset, String contentType, String etag, long size,
            Slicer slicer) throws IOException {
        ByteRange range = prepare(exchange, asset, contentType, etag, size);
        if (range == ByteRange.UNSATISFIABLE || range == NOT_MODIFIED) {
            return;
        }
        long length = range == null ? size : range.length();
        if (isHead(exchange)) {
            exchange.sendResponseHeaders(range == null ? 200 : 206, -1);
            return;
        }
        exchange.sendResponseHeaders(range == null ? 200 : 206, length == 0 ? -1 : length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(slicer.slice(range));
        }
    }

    private void streamOriginal(HttpExchange exchange, Asset asset, String contentType, long size) throws IOException,
            DeliveryException {
        ByteRange range = prepare(exchange, asset, contentType, asset.etag(), size);
        if (range == ByteRange.UNSATISFIABLE || range == NOT_MODIFIED) {
            return;
        }
        int status = range == null ? 200 : 206;
        if (isHead(exchange)) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        long start = range == null ? 0 : range.start();
        long length = range == null ? size : range.length();
        InputStream in;
        try {
            in = blobs.open(asset.blobKey());
        } catch (NoSuchFileException e) {
            throw DeliveryException.notFound(asset.publicId());
        }
        try (in) {
            skipFully(in, start);
            exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
            try (OutputStream os = exchange.getResponseBody()) {
                byte[] buf = new byte[64 * 1024];
                long left = length;
                while (left > 0) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                    if (n < 0) {
                        break; // the blob shrank under us; the client sees a short body
                    }
                    os.write(buf, 0, n);
                    left -= n;
                }
            }
        }
    }

    private static final ByteRange NOT_MODIFIED = new ByteRange(-2, -2);

    /**
     * Sets the common headers and answers 304 and 416 itself.
     *
     * @return the range to send, {@code null} for the whole body, or a marker saying the response is complete
     */
    private static ByteRange prepare(HttpExchange exchange, Asset asset, String contentType, String etag, long size)
            throws IOException {
        Headers h = exchange.getResponseHeaders();
        String quoted = "\"" + etag + "\"";
        h.set("ETag", quoted);
        h.set("Cache-Control", CACHE_CONTROL);
        h.set("Accept-Ranges", "bytes");
        if (asset.createdAt() != null) {
            h.set("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(asset.createdAt().atOffset(ZoneOffset.UTC)));
        }
        if (etagMatches(exchange.getRequestHeaders().getFirst("If-None-Match"), etag)) {
            exchange.sendResponseHeaders(304, -1);
            return NOT_MODIFIED;
        }
        h.set("Content-Type", contentType);
        ByteRange range = ByteRange.parse(exchange.getRequestHeaders().getFirst("Range"), size);
        if (range == ByteRange.UNSATISFIABLE) {
            h.set("Content-Range", "bytes */" + size);
            exchange.sendResponseHeaders(416, -1);
            return range;
        }
        if (range != null) {
            h.set("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + size);
        }
        // set by hand: the JDK server omits it for HEAD, where clients still want the size
        h.set("Content-Length", Long.toString(range == null ? size : range.length()));
        return range;
    }

    private static boolean etagMatches(String header, String etag) {
        if (header == null) {
            return false;
        }
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals("\"" + etag + "\"") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHead(HttpExchange exchange) {
        return exchange.getRequestMethod().equals("HEAD");
    }

    private static void skipFully(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    return;
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static String md5(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
