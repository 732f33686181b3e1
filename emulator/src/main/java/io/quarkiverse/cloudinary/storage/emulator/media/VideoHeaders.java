package io.quarkiverse.cloudinary.storage.emulator.media;

/**
 * Video container signatures. Sizes are read where the container states them near the start (the {@code tkhd} of
 * an MP4 whose {@code moov} comes first, Matroska track entries, the AVI main header, the Theora and MPEG sequence
 * headers); otherwise only the format is reported.
 */
final class VideoHeaders {

    private VideoHeaders() {
    }

    static MediaInfo detect(Head h) {
        MediaInfo info = isoBmff(h);
        if (info == null) {
            info = ebml(h);
        }
        if (info == null) {
            info = avi(h);
        }
        if (info == null) {
            info = simple(h);
        }
        return info;
    }

    private static MediaInfo video(String format, long w, long h) {
        Integer width = Head.dim(w);
        Integer height = Head.dim(h);
        return width == null || height == null
                ? new MediaInfo(MediaKind.VIDEO, format, null, null)
                : new MediaInfo(MediaKind.VIDEO, format, width, height);
    }

    // ---- ISO base media (MP4, MOV, 3GP, and the still-image AVIF/HEIF that share the container)

    static MediaInfo isoBmff(Head h) {
        if (h.ascii(4, "ftyp")) {
            String brand = h.latin1(8, 4);
            long[] size = tkhdSize(h);
            if (brand.equals("avif") || brand.equals("avis")) {
                return new MediaInfo(MediaKind.IMAGE, "avif", null, null);
            }
            if (brand.startsWith("hei") || brand.startsWith("mif") || brand.equals("msf1") || brand.equals("hevc")) {
                return new MediaInfo(MediaKind.IMAGE, "heic", null, null);
            }
            String format = brand.equals("qt  ") ? "mov" : brand.startsWith("3g") ? "3gp" : "mp4";
            return video(format, size[0], size[1]);
        }
        // QuickTime files older than the ftyp box start directly with one of these atoms
        long first = h.u32be(0);
        if (first >= 8 && (h.ascii(4, "moov") || h.ascii(4, "mdat") || h.ascii(4, "wide") || h.ascii(4, "pnot"))) {
            long[] size = tkhdSize(h);
            return video("mov", size[0], size[1]);
        }
        return null;
    }

    /** Width and height of the first track whose header states a non-zero size (audio tracks state zero). */
    private static long[] tkhdSize(Head h) {
        long[] out = { -1, -1 };
        walkBoxes(h, 0, h.len, 0, out);
        return out;
    }

    private static boolean walkBoxes(Head h, int start, int end, int depth, long[] out) {
        int p = start;
        while (h.has(p, 8) && p + 8 <= end) {
            long size = h.u32be(p);
            int header = 8;
            if (size == 1) {
                size = h.u64be(p + 8);
                header = 16;
            } else if (size == 0) {
                size = end - p;
            }
            if (size < header) {
                return false;
            }
            String type = h.latin1(p + 4, 4);
            long boxEnd = Math.min(end, p + size);
            if (depth < 4 && (type.equals("moov") || type.equals("trak"))) {
                if (walkBoxes(h, p + header, (int) boxEnd, depth + 1, out)) {
                    return true;
                }
            } else if (type.equals("tkhd")) {
                int c = p + header;
                int at = h.u8(c) == 1 ? c + 88 : c + 76;
                long w = h.u32be(at);
                long hh = h.u32be(at + 4);
                if (w > 0 && hh > 0) {
                    out[0] = w >>> 16; // 16.16 fixed point
                    out[1] = hh >>> 16;
                    return true;
                }
            }
            if (p + size > Integer.MAX_VALUE) {
                return false;
            }
            p = (int) (p + size);
        }
        return false;
    }

    // ---- EBML (Matroska, WebM)

    private static final long SEGMENT = 0x18538067L;
    private static final long TRACKS = 0x1654AE6BL;
    private static final long TRACK_ENTRY = 0xAE;
    private static final long VIDEO = 0xE0;
    private static final long PIXEL_WIDTH = 0xB0;
    private static final long PIXEL_HEIGHT = 0xBA;
    private static final long DOC_TYPE = 0x4282;

    static MediaInfo ebml(Head h) {
        if (!h.bytes(0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return null;
        }
        long[] headerSize = vint(h, 4, false);
        String docType = "matroska";
        long[] size = { -1, -1 };
        if (headerSize != null) {
            int bodyStart = 4 + (int) headerSize[1];
            long bodyEnd = headerSize[0] < 0 ? h.len : Math.min(h.len, bodyStart + headerSize[0]);
            String found = ebmlString(h, bodyStart, (int) bodyEnd, DOC_TYPE);
            if (found != null) {
                docType = found;
            }
            ebmlVideoSize(h, (int) bodyEnd, h.len, 0, size);
        }
        return video(docType.startsWith("webm") ? "webm" : "mkv", size[0], size[1]);
    }

    private static String ebmlString(Head h, int start, int end, long wanted) {
        int p = start;
        while (p < end) {
            long[] id = vint(h, p, true);
            long[] len = id == null ? null : vint(h, p + (int) id[1], false);
            if (len == null || len[0] < 0) {
                return null;
            }
            int data = p + (int) id[1] + (int) len[1];
            if (id[0] == wanted) {
                return h.latin1(data, (int) Math.min(len[0], 64)).trim().replace("\0", "");
            }
            p = (int) Math.min(Integer.MAX_VALUE, data + len[0]);
        }
        return null;
    }

    private static boolean ebmlVideoSize(Head h, int start, int end, int depth, long[] out) {
        int p = start;
        while (p < end && h.has(p, 2)) {
            long[] id = vint(h, p, true);
            long[] len = id == null ? null : vint(h, p + (int) id[1], false);
            if (len == null) {
                return false;
            }
            int data = p + (int) id[1] + (int) len[1];
            // unknown sizes (live streams) run to the end of the parent
            long dataEnd = len[0] < 0 ? end : Math.min(end, data + len[0]);
            if (id[0] == PIXEL_WIDTH) {
                out[0] = uint(h, data, (int) len[0]);
            } else if (id[0] == PIXEL_HEIGHT) {
                out[1] = uint(h, data, (int) len[0]);
            } else if (depth < 4 && (id[0] == SEGMENT || id[0] == TRACKS || id[0] == TRACK_ENTRY || id[0] == VIDEO)) {
                if (ebmlVideoSize(h, data, (int) dataEnd, depth + 1, out)) {
                    return true;
                }
            }
            if (out[0] > 0 && out[1] > 0) {
                return true;
            }
            if (len[0] < 0) {
                return false;
            }
            p = (int) Math.min(Integer.MAX_VALUE, data + len[0]);
        }
        return false;
    }

    private static long uint(Head h, int off, int n) {
        if (n < 1 || n > 8 || !h.has(off, n)) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | h.u8(off + i);
        }
        return v;
    }

    /**
     * An EBML variable-length integer: {value, byte count}. IDs keep their length marker; sizes drop it, and an
     * all-ones size (unknown) reads as -1.
     */
    private static long[] vint(Head h, int off, boolean keepMarker) {
        int first = h.u8(off);
        if (first <= 0) {
            return null;
        }
        int n = Integer.numberOfLeadingZeros(first) - 23;
        if (n > 8 || !h.has(off, n)) {
            return null;
        }
        long v = keepMarker ? first : first & (0xFF >> n);
        boolean allOnes = v == (0xFF >> n);
        for (int i = 1; i < n; i++) {
            int b = h.u8(off + i);
            allOnes &= b == 0xFF;
            v = (v << 8) | b;
        }
        return new long[] { !keepMarker && allOnes ? -1 : v, n };
    }

    // ---- RIFF AVI

    static MediaInfo avi(Head h) {
        if (!h.ascii(0, "RIFF") || !h.ascii(8, "AVI ")) {
            return null;
        }
        if (h.ascii(12, "LIST") && h.ascii(20, "hdrl") && h.ascii(24, "avih")) {
            return video("avi", h.u32le(64), h.u32le(68));
        }
        return video("avi", -1, -1);
    }

    // ---- signatures without much structure

    static MediaInfo simple(Head h) {
        if (h.bytes(0, 'F', 'L', 'V', 1)) {
            return video("flv", -1, -1);
        }
        if (h.ascii(0, "OggS")) {
            int theora = indexOf(h, new int[] { 0x80, 't', 'h', 'e', 'o', 'r', 'a' }, 0, 512);
            return theora < 0 ? video("ogv", -1, -1) : video("ogv", h.u24be(theora + 14), h.u24be(theora + 17));
        }
        if (h.bytes(0, 0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11)) {
            return video("wmv", -1, -1);
        }
        if (h.bytes(0, 0, 0, 1, 0xBA) || h.bytes(0, 0, 0, 1, 0xB3)) {
            int seq = indexOf(h, new int[] { 0, 0, 1, 0xB3 }, 0, Math.min(h.len, 64 * 1024));
            if (seq >= 0 && h.has(seq + 4, 3)) {
                int v = h.u24be(seq + 4);
                return video("mpeg", v >>> 12, v & 0xFFF);
            }
            return video("mpeg", -1, -1);
        }
        // transport streams are 188-byte packets each starting with 0x47: demand several in a row
        if (h.u8(0) == 0x47 && h.len >= 189 && h.u8(188) == 0x47 && (h.len < 377 || h.u8(376) == 0x47)) {
            return video("ts", -1, -1);
        }
        return null;
    }

    private static int indexOf(Head h, int[] pattern, int from, int to) {
        int end = Math.min(to, h.len) - pattern.length;
        for (int i = Math.max(0, from); i <= end; i++) {
            if (h.bytes(i, pattern)) {
                return i;
            }
        }
        return -1;
    }
}
