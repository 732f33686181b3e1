package io.quarkiverse.cloudinary.storage.emulator.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
import io.quarkiverse.cloudinary.storage.emulator.model.Signatures;
import io.quarkiverse.cloudinary.storage.emulator.store.BlobStore;
import io.quarkiverse.cloudinary.storage.emulator.store.StoredBlob;

/**
 * The Upload API: signed multipart {@code POST}s to {@code /v1_1/<cloud>/<resource_type>/<action>}, and the signed
 * private download {@code GET}.
 */
public final class UploadApiHandler {

    private static final long MAX_TIMESTAMP_AGE_SECONDS = 3600;
    private static final DateTimeFormatter STALE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private final AssetService assets;
    private final BlobStore blobs;
    private final ChunkAssembler chunks;
    private final AssetJson json;

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
        Body body = read(exchange);
        StoredBlob file = body.file();
        try {
            authenticate(account, body.params());
            if (action.equals("upload")) {
                file = upload(exchange, account, resourceType, body);
                return;
            }
            if (resourceType.equals("auto")) {
                throw ApiError.badRequest("Invalid resource type auto for " + action);
            }
            switch (action) {
                case "destroy" -> Responses.json(exchange, 200,
                        Map.of("result", assets.destroy(account.cloudName(), resourceType, body.params()) ? "ok"
                                : "not found"));
                case "rename" -> Responses.json(exchange, 200,
                        json.uploaded(assets.rename(account.cloudName(), resourceType, body.params()), account,
                                body.params().flag("context", false)));
                case "explicit" -> Responses.json(exchange, 200,
                        json.uploaded(assets.explicit(account.cloudName(), resourceType, body.params()), account, true));
                case "tags" -> Responses.json(exchange, 200,
                        Map.of("public_ids", assets.tags(account.cloudName(), resourceType, body.params())));
                case "context" -> Responses.json(exchange, 200,
                        Map.of("public_ids", assets.context(account.cloudName(), resourceType, body.params())));
                default -> throw ApiError.badRequest("Unsupported action " + action);
            }
        } finally {
            if (file != null) {
                // a file nobody took (refused request, or not an upload) is not kept
                blobs.delete(file.key());
            }
        }
    }

    /** @return the blob left for the caller to delete, or {@code null} when it now belongs to an asset or a chunk */
    private StoredBlob upload(HttpExchange exchange, EmulatorAccount account, String resourceType, Body body)
            throws IOException {
        StoredBlob file = body.file();
        if (file == null) {
            file = fileFromText(body.fileText());
        }
        String uploadId = exchange.getRequestHeaders().getFirst("X-Unique-Upload-Id");
        String range = exchange.getRequestHeaders().getFirst("Content-Range");
        if (uploadId != null && range != null) {
            ChunkAssembler.Progress progress = chunks.add(uploadId, range, file);
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
                body.filename());
        // when the asset was there already, this is its data (context included), not the request's
        Map<String, Object> answer = json.uploaded(uploaded.asset(), account, true);
        if (uploaded.existing()) {
            answer.put("existing", true);
        }
        if (uploaded.overwritten()) {
            answer.put("overwritten", true);
        }
        Responses.json(exchange, 200, answer);
        return null;
    }

    private StoredBlob fileFromText(String text) throws IOException {
        if (text == null) {
            throw ApiError.badRequest("Missing required parameter - file");
        }
        if (text.startsWith("data:")) {
            int comma = text.indexOf(',');
            if (comma < 0 || !text.substring(0, comma).endsWith(";base64")) {
                throw ApiError.badRequest("Invalid data URI");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(text.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("Invalid data URI: " + e.getMessage());
            }
            return blobs.write(new ByteArrayInputStream(bytes));
        }
        throw ApiError.badRequest("Remote files are not supported by the emulator: " + text);
    }

    private void download(HttpExchange exchange, EmulatorAccount account, String resourceType) throws IOException {
        Params params = FormDecoder.decode(exchange.getRequestURI().getRawQuery());
        authenticate(account, params);
        Optional<String> expires = params.get("expires_at");
        if (expires.isPresent() && Long.parseLong(expires.get()) < Instant.now().getEpochSecond()) {
            throw ApiError.unauthorized("Expired download URL");
        }
        String publicId = params.get("public_id").orElseThrow(() -> ApiError.badRequest("Missing public_id"));
        String type = AssetService.deliveryType(params);
        Asset asset = assets.repository().find(new AssetKey(account.cloudName(), resourceType, type, publicId))
                .orElseThrow(() -> ApiError.notFound(publicId));
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
