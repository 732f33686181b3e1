package io.quarkiverse.cloudinary.storage.emulator.delivery;

/**
 * A single HTTP byte range resolved against a length. Multi-range requests are answered with the whole body, which
 * HTTP allows and no media player needs otherwise.
 */
record ByteRange(long start, long end) {

    /** Marker for a syntactically valid range that lies outside the content: answer 416. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    long length() {
        return end - start + 1;
    }

    /** @return the range, {@link #UNSATISFIABLE}, or {@code null} to serve everything */
    static ByteRange parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    return UNSATISFIABLE;
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long start = Long.parseLong(a);
            if (start >= size) {
                return UNSATISFIABLE;
            }
            long end = b.isEmpty() ? size - 1 : Long.parseLong(b);
            if (end < start) {
                return null; // invalid syntax: ignore the header
            }
            return new ByteRange(start, Math.min(end, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
