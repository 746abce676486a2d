package cn.canbao.subsidy.batch;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/**
 * What a short text column decodes to, looked up by its bytes without making a String: a county has a few hundred
 * region codes, a dozen categories and a few dozen household relations, read a million times each. Open addressing
 * over a fixed table; once the table is half full, further texts are decoded every time instead of cached.
 * Not thread-safe (one per reading thread).
 */
final class ByteKeyCache<T> {

    private static final int CAPACITY = 4096;

    private final Function<String, T> decode;
    private final byte[][] keys = new byte[CAPACITY][];
    private final Object[] values = new Object[CAPACITY];
    private int size;

    ByteKeyCache(Function<String, T> decode) {
        this.decode = decode;
    }

    /** The decoded value of the UTF-8 text {@code bytes[from, to)} (the text has no escapes). */
    @SuppressWarnings("unchecked")
    T get(byte[] bytes, int from, int to) {
        int hash = 1;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + bytes[i];
        }
        int mask = CAPACITY - 1;
        int slot = (hash ^ (hash >>> 16)) & mask;
        while (keys[slot] != null) {
            if (Arrays.equals(keys[slot], 0, keys[slot].length, bytes, from, to)) {
                return (T) values[slot];
            }
            slot = (slot + 1) & mask;
        }
        T value = decode.apply(new String(bytes, from, to - from, StandardCharsets.UTF_8));
        if (size < CAPACITY / 2) {
            keys[slot] = Arrays.copyOfRange(bytes, from, to);
            values[slot] = value;
            size++;
        }
        return value;
    }
}
