package io.quarkiverse.cloudinary.storage.emulator.media;

import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked reads over the valid part of a file head. Every read past the end answers -1 (or {@code null})
 * instead of throwing, so a truncated header simply yields "size unknown".
 */
final class Head {

    final byte[] b;
    final int len;

    Head(byte[] b, int length) {
        this.b = b;
        this.len = b == null ? 0 : Math.max(0, Math.min(length, b.length));
    }

    boolean has(int off, int n) {
        return off >= 0 && n >= 0 && off <= len - n;
    }

    int u8(int off) {
        return has(off, 1) ? b[off] & 0xFF : -1;
    }

    int u16be(int off) {
        return has(off, 2) ? (u8(off) << 8) | u8(off + 1) : -1;
    }

    int u16le(int off) {
        return has(off, 2) ? (u8(off + 1) << 8) | u8(off) : -1;
    }

    int u16(int off, boolean little) {
        return little ? u16le(off) : u16be(off);
    }

    int u24be(int off) {
        return has(off, 3) ? (u8(off) << 16) | (u8(off + 1) << 8) | u8(off + 2) : -1;
    }

    int u24le(int off) {
        return has(off, 3) ? (u8(off + 2) << 16) | (u8(off + 1) << 8) | u8(off) : -1;
    }

    long u32be(int off) {
        return has(off, 4) ? ((long) u16be(off) << 16) | u16be(off + 2) : -1;
    }

    long u32le(int off) {
        return has(off, 4) ? ((long) u16le(off + 2) << 16) | u16le(off) : -1;
    }

    long u32(int off, boolean little) {
        return little ? u32le(off) : u32be(off);
    }

    long u64be(int off) {
        return has(off, 8) ? (u32be(off) << 32) | u32be(off + 4) : -1;
    }

    /** Whether the ASCII text {@code s} sits at {@code off}. */
    boolean ascii(int off, String s) {
        if (!has(off, s.length())) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if ((b[off + i] & 0xFF) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    boolean bytes(int off, int... expected) {
        if (!has(off, expected.length)) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[off + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    String latin1(int off, int n) {
        if (off < 0 || n <= 0) {
            return "";
        }
        int end = (int) Math.min((long) off + n, len);
        return off >= end ? "" : new String(b, off, end - off, StandardCharsets.ISO_8859_1);
    }

    /** A positive pixel count, or {@code null} for anything a header could not mean. */
    static Integer dim(long v) {
        return v > 0 && v <= 1_000_000 ? (int) v : null;
    }
}
