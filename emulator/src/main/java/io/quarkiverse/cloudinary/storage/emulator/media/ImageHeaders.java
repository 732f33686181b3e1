package io.quarkiverse.cloudinary.storage.emulator.media;

/**
 * Still-image signatures and the place each format keeps its pixel size. Each method answers {@code null} when the
 * head is not its format.
 */
final class ImageHeaders {

    private ImageHeaders() {
    }

    static MediaInfo detect(Head h) {
        MediaInfo info = png(h);
        if (info == null) {
            info = jpeg(h);
        }
        if (info == null) {
            info = gif(h);
        }
        if (info == null) {
            info = webp(h);
        }
        if (info == null) {
            info = bmp(h);
        }
        if (info == null) {
            info = tiff(h);
        }
        if (info == null) {
            info = ico(h);
        }
        if (info == null) {
            info = svg(h);
        }
        return info;
    }

    private static MediaInfo image(String format, long w, long h) {
        Integer width = Head.dim(w);
        Integer height = Head.dim(h);
        // a half-known size is worse than none: callers store both or neither
        return width == null || height == null
                ? new MediaInfo(MediaKind.IMAGE, format, null, null)
                : new MediaInfo(MediaKind.IMAGE, format, width, height);
    }

    static MediaInfo png(Head h) {
        if (!h.bytes(0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return null;
        }
        return h.ascii(12, "IHDR") ? image("png", h.u32be(16), h.u32be(20)) : image("png", -1, -1);
    }

    static MediaInfo jpeg(Head h) {
        if (!h.bytes(0, 0xFF, 0xD8, 0xFF)) {
            return null;
        }
        int i = 2;
        while (h.has(i, 2)) {
            if (h.u8(i) != 0xFF) {
                break; // lost sync: a broken file, report the format without a size
            }
            int m = h.u8(i + 1);
            if (m == 0xFF) {
                i++; // fill byte
                continue;
            }
            if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
                i += 2; // markers without a length
                continue;
            }
            if (m == 0xD9 || m == 0xDA) {
                break; // end of image or start of scan: no frame header before it
            }
            int segLen = h.u16be(i + 2);
            if (segLen < 2) {
                break;
            }
            // SOF0..SOF15 carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames
            if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
                return image("jpg", h.u16be(i + 7), h.u16be(i + 5));
            }
            i += 2 + segLen;
        }
        return image("jpg", -1, -1);
    }

    static MediaInfo gif(Head h) {
        if (!h.ascii(0, "GIF87a") && !h.ascii(0, "GIF89a")) {
            return null;
        }
        return image("gif", h.u16le(6), h.u16le(8));
    }

    static MediaInfo webp(Head h) {
        if (!h.ascii(0, "RIFF") || !h.ascii(8, "WEBP")) {
            return null;
        }
        if (h.ascii(12, "VP8 ")) {
            if (h.bytes(23, 0x9D, 0x01, 0x2A)) {
                int w = h.u16le(26);
                int hh = h.u16le(28);
                return image("webp", w < 0 ? -1 : w & 0x3FFF, hh < 0 ? -1 : hh & 0x3FFF);
            }
        } else if (h.ascii(12, "VP8L")) {
            long bits = h.u32le(21);
            if (h.u8(20) == 0x2F && bits >= 0) {
                return image("webp", 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF));
            }
        } else if (h.ascii(12, "VP8X")) {
            int w = h.u24le(24);
            int hh = h.u24le(27);
            if (w >= 0 && hh >= 0) {
                return image("webp", w + 1L, hh + 1L);
            }
        }
        return image("webp", -1, -1);
    }

    static MediaInfo bmp(Head h) {
        if (!h.ascii(0, "BM")) {
            return null;
        }
        long dib = h.u32le(14);
        if (dib == 12) {
            return image("bmp", h.u16le(18), h.u16le(20));
        }
        // the known DIB header sizes; anything else is more likely text that happens to start with "BM"
        if (dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 || dib == 124) {
            long w = h.u32le(18);
            long hh = h.u32le(22);
            if (hh >= 0x8000_0000L) {
                hh = 0x1_0000_0000L - hh; // negative height: a top-down bitmap
            }
            return image("bmp", w, hh);
        }
        return null;
    }

    static MediaInfo tiff(Head h) {
        boolean little;
        if (h.bytes(0, 'I', 'I', 42, 0)) {
            little = true;
        } else if (h.bytes(0, 'M', 'M', 0, 42)) {
            little = false;
        } else {
            return null;
        }
        long ifd = h.u32(4, little);
        int n = ifd < 8 || ifd > Integer.MAX_VALUE ? -1 : h.u16((int) ifd, little);
        long w = -1;
        long hh = -1;
        for (int k = 0; k < n && k < 512; k++) {
            int e = (int) ifd + 2 + 12 * k;
            if (!h.has(e, 12)) {
                break;
            }
            int tag = h.u16(e, little);
            int type = h.u16(e + 2, little);
            long value = type == 3 ? h.u16(e + 8, little) : type == 4 ? h.u32(e + 8, little) : -1;
            if (tag == 256) {
                w = value;
            } else if (tag == 257) {
                hh = value;
            }
        }
        return image("tiff", w, hh);
    }

    static MediaInfo ico(Head h) {
        int count = h.u16le(4);
        // reserved fields of the first directory entry must be zero and its planes 0 or 1: random data rarely is
        if (!h.bytes(0, 0, 0, 1, 0) || count < 1 || h.u8(9) != 0 || h.u16le(10) > 1) {
            return null;
        }
        int w = h.u8(6);
        int hh = h.u8(7);
        return image("ico", w == 0 ? 256 : w, hh == 0 ? 256 : hh);
    }

    static MediaInfo svg(Head h) {
        int i = h.bytes(0, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        while (i < h.len && Character.isWhitespace((char) h.u8(i))) {
            i++;
        }
        if (h.u8(i) != '<') {
            return null;
        }
        String text = h.latin1(i, 8192);
        int svg = text.indexOf("<svg");
        if (svg < 0) {
            return null;
        }
        String before = text.substring(0, svg).toLowerCase(java.util.Locale.ROOT);
        // an HTML page with an inline <svg> is not an SVG file
        if (before.contains("<html") || before.contains("<!doctype html")) {
            return null;
        }
        return new MediaInfo(MediaKind.IMAGE, "svg", null, null);
    }
}
