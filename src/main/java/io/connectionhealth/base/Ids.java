package io.connectionhealth.base;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/** Identifiers. Time-ordered ones keep the B-tree of a large log table append-mostly. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private Ids() {
    }

    public static String uuid() {
        return UUID.randomUUID().toString();
    }

    /** A UUIDv7 (RFC 9562): 48 bits of milliseconds, then random bits. */
    public static String timeOrdered(Instant now) {
        long millis = now.toEpochMilli();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** A Standard Webhooks style message id: {@code msg_} and 27 base62 characters, time-ordered. */
    public static String messageId(Instant now) {
        StringBuilder sb = new StringBuilder("msg_");
        long millis = now.toEpochMilli();
        char[] time = new char[9];
        for (int i = 8; i >= 0; i--) {
            time[i] = ALPHABET[(int) (millis % 62)];
            millis /= 62;
        }
        sb.append(time);
        // 18 characters from two random longs (9 base62 digits each), not 18 draws: an ingested batch writes an
        // event, and so an id, per transition (over a hundred per 1,000 calls in the benchmark)
        for (long random : new long[]{RANDOM.nextLong(), RANDOM.nextLong()}) {
            for (int i = 0; i < 9; i++) {
                sb.append(ALPHABET[(int) Long.remainderUnsigned(random, 62)]);
                random = Long.divideUnsigned(random, 62);
            }
        }
        return sb.toString();
    }

    /** {@code length} random base62 characters, for secrets and keys. */
    public static String randomToken(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(62)]);
        }
        return sb.toString();
    }
}
