package io.connectionhealth.base.api;

/**
 * Checks bytes as they stream by for well-formed UTF-8 (The Unicode Standard, table 3-7): no overlong forms, no
 * surrogates, nothing past U+10FFFF, no sequence cut short. The JSON parser reads some of these as characters:
 * {@code C0 AF} became a '/', so an id sent as {@code ol\xC0\xAFid} was stored as {@code ol/id}.
 */
final class Utf8Check {

    private int needed;
    private int lower = 0x80;
    private int upper = 0xBF;
    private long position;

    /** The offset of the first byte that breaks UTF-8 in this chunk, or -1. */
    int check(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int b = bytes[i] & 0xFF;
            if (needed == 0) {
                if (b < 0x80) {
                    continue;
                }
                if (!lead(b)) {
                    return i;
                }
            } else {
                if (b < lower || b > upper) {
                    return i;
                }
                lower = 0x80;
                upper = 0xBF;
                needed--;
            }
        }
        position += length;
        return -1;
    }

    /** Whether the bytes so far end where a character ends. */
    boolean complete() {
        return needed == 0;
    }

    /** How many bytes were checked before this chunk. */
    long position() {
        return position;
    }

    private boolean lead(int b) {
        if (b >= 0xC2 && b <= 0xDF) {
            return expect(1, 0x80, 0xBF);
        }
        if (b == 0xE0) {
            return expect(2, 0xA0, 0xBF);
        }
        if (b == 0xED) {
            return expect(2, 0x80, 0x9F);
        }
        if (b >= 0xE1 && b <= 0xEF) {
            return expect(2, 0x80, 0xBF);
        }
        if (b == 0xF0) {
            return expect(3, 0x90, 0xBF);
        }
        if (b >= 0xF1 && b <= 0xF3) {
            return expect(3, 0x80, 0xBF);
        }
        if (b == 0xF4) {
            return expect(3, 0x80, 0x8F);
        }
        return false;
    }

    private boolean expect(int continuations, int firstLower, int firstUpper) {
        needed = continuations;
        lower = firstLower;
        upper = firstUpper;
        return true;
    }
}
