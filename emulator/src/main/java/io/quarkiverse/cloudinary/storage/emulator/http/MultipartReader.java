package io.quarkiverse.cloudinary.storage.emulator.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code multipart/form-data} as a stream, part after part, so a file part can be copied to the blob store
 * without ever being held in memory whole.
 */
final class MultipartReader {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"?)([^\";]+)\\1", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

    /** One part's headers. */
    record Part(String name, String filename, Map<String, String> headers) {
    }

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean finished;
    private InputStream current;

    private MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // the first delimiter has no line break before it: pretend there is one
        buffer[0] = '\r';
        buffer[1] = '\n';
        limit = 2;
    }

    static MultipartReader of(InputStream in, String contentType) {
        Matcher boundary = BOUNDARY.matcher(contentType);
        if (!boundary.find()) {
            throw new IllegalArgumentException("multipart content type without boundary: " + contentType);
        }
        return new MultipartReader(in, boundary.group(2));
    }

    /** Moves to the next part; {@code null} at the end of the body. */
    Part next() throws IOException {
        if (finished) {
            return null;
        }
        // skip whatever is left of the current part (or the preamble) up to the next delimiter
        if (current == null) {
            current = newBody();
        }
        current.transferTo(OutputStream.nullOutputStream());
        current = null;
        if (!fill(2)) {
            finished = true;
            return null;
        }
        if (buffer[position] == '-' && buffer[position + 1] == '-') {
            finished = true;
            return null;
        }
        position += 2; // CRLF after the delimiter
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while (!(line = readLine()).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        String disposition = headers.getOrDefault("content-disposition", "");
        Matcher name = NAME.matcher(disposition);
        Matcher filename = FILENAME.matcher(disposition);
        current = newBody();
        return new Part(name.find() ? name.group(1) : "", filename.find() ? filename.group(1) : null, headers);
    }

    /** The current part's body, ending where the next delimiter starts. */
    InputStream body() {
        return current;
    }

    private InputStream newBody() {
        return new InputStream() {
            private boolean ended;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                if (ended) {
                    return -1;
                }
                if (length == 0) {
                    return 0;
                }
                fill(delimiter.length);
                int found = indexOfDelimiter();
                int available;
                if (found >= 0) {
                    available = found - position;
                    if (available == 0) {
                        position += delimiter.length;
                        ended = true;
                        return -1;
                    }
                } else {
                    if (limit - position < delimiter.length && endOfInput) {
                        throw new IOException("multipart body ends without its closing boundary");
                    }
                    // a delimiter may begin in the last bytes: keep them until more arrive
                    available = limit - position - (delimiter.length - 1);
                }
                int n = Math.min(length, available);
                System.arraycopy(buffer, position, target, offset, n);
                position += n;
                return n;
            }
        };
    }

    /** A small part's body as text. */
    String text(int maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream body = body();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = body.read(chunk)) > 0) {
            if (out.size() + n > maxBytes) {
                throw new IOException("form field larger than " + maxBytes + " bytes");
            }
            out.write(chunk, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private boolean endOfInput;

    /** Makes at least {@code wanted} bytes available from {@code position}, unless the input ends first. */
    private boolean fill(int wanted) throws IOException {
        if (limit - position >= wanted) {
            return true;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        while (limit < wanted && !endOfInput) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                endOfInput = true;
            } else {
                limit += n;
            }
        }
        return limit - position >= wanted;
    }

    private int indexOfDelimiter() {
        byte first = delimiter[0];
        int last = limit - delimiter.length;
        outer: for (int i = position; i <= last; i++) {
            if (buffer[i] != first) {
                continue;
            }
            for (int j = 1; j < delimiter.length; j++) {
                if (buffer[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            if (!fill(1)) {
                throw new IOException("multipart headers end unexpectedly");
            }
            byte b = buffer[position++];
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
            if (line.size() > 16 * 1024) {
                throw new IOException("multipart header line too long");
            }
        }
    }
}
