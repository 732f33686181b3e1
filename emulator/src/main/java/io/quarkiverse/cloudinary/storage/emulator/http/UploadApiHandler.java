package io.quarkiverse.cloudinary.storage.emulator.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorAccount;
import io.quarkiverse.cloudinary.storage.emulator.delivery.ContentTypes;
import io.quarkiverse.cloudinary.storage.emulator.model.ApiError;
import io.quarkiverse.cloudinary.storage.emulator.model.Asset;
import io.quarkiverse.cloudinary.storage.emulator.model.AssetKey;
import io.quarkiverse.cloudinary.storage.emulator.model.AssetService;
import io.quarkiverse.cloudinary.storage.emulator.model.ChunkAssembler;
import io.quarkiverse.cloudinary.storage.emulator.model.Params;
import io.quarkiverse.cloudinary.storage.emulator.model.Renditions;
import io.quarkiverse.cloudinary.storage.emulator.model.Signatures;
import io.quarkiverse.cloudinary.storage.emulator.store.BlobStore;
import io.quarkiverse.cloudinary.storage.emulator.store.StoreFullException;
import io.quarkiverse.cloudinary.storage.emulator.store.StoredBlob;

/**
 * The Upload API: signed multipart {@code POST}s to {@code /v1_1/<cloud>/<resource_type>/<action>}, the signed
 * private download {@code GET}, and the unsigned {@code POST /v1_1/<cloud>/delete_by_token}. Every call's parameters
 * are checked against the {@link ParameterTable} before anything else.
 */
public final class UploadApiHandler {

    private static final long MAX_TIMESTAMP_AGE_SECONDS = 3600;
    private static final DateTimeFormatter STALE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private final AssetService assets;
    private final BlobStore blobs;
    private final ChunkAssembler chunks;
    private final AssetJson json;
    private final HttpClient remote = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public UploadApiHandler(AssetService assets, BlobStore blobs, ChunkAssembler chunks, AssetJson json) {
        this.assets = assets;
        this.blobs = blobs;
        this.chunks = chunks;
        this.json = json;
    }

    /** What a request body held: its fields and, for uploads, the file already in the blob store. */
    private record Body(Params params, StoredBlob file, String filename, String fileText) {
    }

    void handle(HttpExchange exchange, EmulatorAccount account, String resourceType, String action) throws IOException {
        if (action.equals("download")) {
            download(exchange, account, resourceType);
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            throw new ApiError(404, "Upload API calls are POSTs");
        }
        Body body;
        try {
            body = read(exchange);
        } catch (StoreFullException e) {
            String uploadId = exchange.getRequestHeaders().getFirst("X-Unique-Upload-Id");
            if (uploadId != null) {
                // the client gives up on an upload whose chunk was refused: its earlier chunks would only hold room
                chunks.abandon(uploadId);
            }
            throw e;
        }
        StoredBlob file = body.file();
        try {
            ParameterTable.check("upload:" + action, body.params(), action);
            authenticate(account, body.params());
            if (action.equals("upload")) {
                file = upload(exchange, account, resourceType, body);
                return;
            }
            if (resourceType.equals("auto")) {
                throw ApiError.badRequest("Invalid resource type auto for " + action);
            }
            Params params = body.params();
            String cloud = account.cloudName();
            switch (action) {
                case "destroy" -> Responses.json(exchange, 200,
                        Map.of("result", assets.destroy(cloud, resourceType, params) ? "ok" : "not found"));
                case "rename" -> Responses.json(exchange, 200,
                        json.uploaded(assets.rename(cloud, resourceType, params), account,
                                params.flag("context", false), params.flag("metadata", false)));
                case "explicit" -> {
                    AssetService.Uploaded explicit = assets.explicit(cloud, resourceType, params);
                    Map<String, Object> answer = json.uploaded(explicit.asset(), account, true);
                    if (!explicit.eager().isEmpty()) {
                        answer.put("eager", json.eager(explicit.asset(), explicit.eager()));
                    }
                    Responses.json(exchange, 200, answer);
                }
                case "tags" -> Responses.json(exchange, 200,
                        Map.of("public_ids", assets.tags(cloud, resourceType, params)));
                case "context" -> Responses.json(exchange, 200,
                        Map.of("public_ids", assets.context(cloud, resourceType, params)));
                case "metadata" -> Responses.json(exchange, 200,
                        Map.of("public_ids", assets.metadata(cloud, resourceType, params)));
                default -> throw new ApiError(404, "The Cloudinary emulator does not support the Upload API action "
                        + action);
            }
        } finally {
            if (file != null) {
                // a file nobody took (refused request, or not an upload) is not kept
                blobs.delete(file.key());
            }
        }
    }

    /**
     * {@code POST /v1_1/<cloud>/delete_by_token}: unsigned, the token of an upload made with
     * {@code return_delete_token=true} is the only credential.
     */
    void deleteByToken(HttpExchange exchange, EmulatorAccount account) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            throw new ApiError(404, "Upload API calls are POSTs");
        }
        Body body = read(exchange);
        try {
            ParameterTable.check("upload:delete_by_token", body.params(), "delete_by_token");
            String token = body.params().get("token")
                    .orElseThrow(() -> ApiError.badRequest("Missing required parameter - token"));
            boolean deleted = assets.deleteByToken(account.cloudName(), token);
            Responses.json(exchange, 200, Map.of("result", deleted ? "ok" : "not found"));
        } finally {
            if (body.file() != null) {
                blobs.delete(body.file().key());
            }
        }
    }

    /** @return the blob left for the caller to delete, or {@code null} when it now belongs to an asset or a chunk */
    private StoredBlob upload(HttpExchange exchange, EmulatorAccount account, String resourceType, Body body)
            throws IOException {
        StoredBlob file = body.file();
        String filename = body.filename();
        if (file == null) {
            String text = body.fileText();
            file = fileFromText(text);
            if (text.startsWith("http:") || text.startsWith("https:")) {
                // Cloudinary names a fetched file after the last segment of its URL's path
                String path = URI.create(text.strip()).getPath();
                String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
                filename = last.isEmpty() ? null : last;
            }
        }
        String uploadId = exchange.getRequestHeaders().getFirst("X-Unique-Upload-Id");
        String range = exchange.getRequestHeaders().getFirst("Content-Range");
        if (uploadId != null && range != null) {
            ChunkAssembler.Progress progress = chunks.add(uploadId, range, file, assets.limits().of(resourceType));
            if (!progress.done()) {
                Map<String, Object> partial = new LinkedHashMap<>();
                partial.put("done", false);
                partial.put("bytes", progress.receivedBytes());
                partial.put("resource_type", resourceType);
                body.params().get("public_id").ifPresent(id -> partial.put("public_id", id));
                Responses.json(exchange, 200, partial);
                return null;
            }
            file = progress.completed();
        }
        AssetService.Uploaded uploaded = assets.upload(account.cloudName(), resourceType, body.params(), file,
                filename);
        // when the asset was there already, this is its data (context included), not the request's
        Map<String, Object> answer = json.uploaded(uploaded.asset(), account, true);
        if (uploaded.existing()) {
            answer.put("existing", true);
        }
        if (uploaded.overwritten()) {
            answer.put("overwritten", true);
        }
        if (!uploaded.eager().isEmpty()) {
            answer.put("eager", json.eager(uploaded.asset(), uploaded.eager()));
        }
        if (uploaded.deleteToken() != null) {
            answer.put("delete_token", uploaded.deleteToken());
        }
        Responses.json(exchange, 200, answer);
        return null;
    }

    /** The file of a text {@code file} field: a Base64 data URI, or an http(s) URL the emulator fetches. */
    private StoredBlob fileFromText(String text) throws IOException {
        if (text == null) {
            throw ApiError.badRequest("Missing required parameter - file");
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("data:")) {
            int comma = trimmed.indexOf(',');
            if (comma < 0 || !trimmed.substring(0, comma).endsWith(";base64")) {
                throw ApiError.badRequest("Invalid data URI");
            }
            byte[] bytes;
            try {
                // line breaks and spaces inside the Base64 text are common (MIME wraps at 76) and harmless
                bytes = Base64.getDecoder().decode(trimmed.substring(comma + 1).replaceAll("\\s+", ""));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("Invalid data URI: " + e.getMessage());
            }
            return blobs.write(new ByteArrayInputStream(bytes));
        }
        if (trimmed.startsWith("http://") || trimmed.startsWith("https://")) {
            return fetch(trimmed);
        }
        int colon = trimmed.indexOf(':');
        String scheme = colon > 0 ? trimmed.substring(0, colon + 1) : trimmed;
        throw ApiError.badRequest("The Cloudinary emulator does not support uploads from " + scheme
                + " sources, only files, data URIs and http(s) URLs");
    }

    /** Downloads a remote file into the blob store, as Cloudinary does for a URL given as {@code file}. */
    private StoredBlob fetch(String url) throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = remote.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IllegalArgumentException | IOException e) {
            // message guessed: the wording of Cloudinary's refusal of an unreachable URL is not documented
            throw ApiError.badRequest("Error in loading " + url + " - " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + url, e);
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                // message guessed, as above
                throw ApiError.badRequest("Error in loading " + url + " - " + response.statusCode());
            }
            return blobs.write(in);
        }
    }

    private void download(HttpExchange exchange, EmulatorAccount account, String resourceType) throws IOException {
        Params params = FormDecoder.decode(exchange.getRequestURI().getRawQuery());
        ParameterTable.check("upload:download", params, "download");
        authenticate(account, params);
        Optional<String> expires = params.get("expires_at");
        if (expires.isPresent() && Long.parseLong(expires.get()) < Instant.now().getEpochSecond()) {
            throw ApiError.unauthorized("Expired download URL");
        }
        String publicId = params.get("public_id").orElseThrow(() -> ApiError.badRequest("Missing public_id"));
        String type = AssetService.deliveryType(params);
        Asset asset = assets.repository().find(new AssetKey(account.cloudName(), resourceType, type, publicId))
                .orElseThrow(() -> ApiError.notFound(publicId));
        Optional<Renditions.Rendition> converted = assets.inFormat(asset, params.get("format"));
        if (converted.isPresent()) {
            byte[] bytes = converted.get().bytes();
            exchange.getResponseHeaders().set("Content-Type", ContentTypes.forFormat(converted.get().format()));
            if (params.flag("attachment", false)) {
                exchange.getResponseHeaders().set("Content-Disposition", "attachment");
            }
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", asset.format() != null
                ? ContentTypes.forFormat(asset.format())
                : ContentTypes.forFileName(publicId));
        if (params.flag("attachment", false)) {
            exchange.getResponseHeaders().set("Content-Disposition", "attachment");
        }
        exchange.sendResponseHeaders(200, asset.bytes());
        try (InputStream in = assets.open(asset); OutputStream out = exchange.getResponseBody()) {
            in.transferTo(out);
        }
    }

    private void authenticate(EmulatorAccount account, Params params) {
        String apiKey = params.get("api_key").orElseThrow(() -> ApiError.unauthorized("Must supply api_key"));
        if (!apiKey.equals(account.apiKey())) {
            throw ApiError.unauthorized("Unknown API key " + apiKey);
        }
        String timestamp = params.get("timestamp")
                .orElseThrow(() -> ApiError.badRequest("Missing required parameter - timestamp"));
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("Invalid timestamp " + timestamp);
        }
        if (Instant.now().getEpochSecond() - seconds > MAX_TIMESTAMP_AGE_SECONDS) {
            throw ApiError
                    .unauthorized("Stale request - reported time is " + STALE_FORMAT.format(Instant.ofEpochSecond(seconds))
                            + " which is more than 1 hour ago");
        }
        String toSign = Signatures.stringToSign(params.asMap());
        String signature = params.get("signature").orElse(null);
        if (!Signatures.valid(signature, toSign, account.apiSecret())) {
            throw ApiError.unauthorized("Invalid Signature " + signature + ". String to sign - '" + toSign + "'.");
        }
    }

    private Body read(HttpExchange exchange) throws IOException {
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        InputStream in = exchange.getRequestBody();
        if (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return readMultipart(MultipartReader.of(in, contentType));
        }
        String form = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Params params = FormDecoder.decode(form);
        return new Body(params, null, null, params.get("file").orElse(null));
    }

    private Body readMultipart(MultipartReader reader) throws IOException {
        Params params = Params.empty();
        StoredBlob file = null;
        String filename = null;
        String fileText = null;
        try {
            MultipartReader.Part part;
            while ((part = reader.next()) != null) {
                if (part.name().equals("file") && part.filename() != null) {
                    if (file != null) {
                        blobs.delete(file.key());
                    }
                    file = blobs.write(reader.body());
                    filename = part.filename();
                } else if (part.name().equals("file")) {
                    fileText = reader.text(100 * 1024 * 1024);
                } else {
                    params.add(part.name(), reader.text(1024 * 1024));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (file != null) {
                blobs.delete(file.key());
            }
            throw e;
        }
        return new Body(params, file, filename, fileText);
    }
}
