package io.byokwatch.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * A buffered writer that encodes UTF-8 straight into its byte buffer, for reports of hundreds of megabytes: the JDK's
 * BufferedWriter over an OutputStreamWriter copies every string into a char array, takes a lock per call and runs a
 * CharsetEncoder over it (0.2-0.3 s more on a 440 MB report), and {@code Files.newBufferedWriter} fails the whole
 * report on a lone surrogate. Here one is written as {@code ?}, as {@link String#getBytes} does. Not thread-safe (one
 * report, one thread).
 */
public final class Utf8Writer extends Writer implements JsonStream.Utf8Target {
    private static final int SIZE = 1 << 16;

    private final OutputStream out;
    private final byte[] buf = new byte[SIZE];
    private int pos;
    /** A high surrogate that ended the previous write, waiting for its low half. */
    private char pendingHigh;

    public Utf8Writer(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        for (int i = off, end = off + len; i < end; i++) {
            put(s.charAt(i));
        }
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        for (int i = off, end = off + len; i < end; i++) {
            put(chars[i]);
        }
    }

    @Override
    public void write(int c) throws IOException {
        put((char) c);
    }

    private void put(char c) throws IOException {
        if (pos > SIZE - 4) {
            drain();
        }
        if (c < 0x80 && pendingHigh == 0) {
            buf[pos++] = (byte) c;
            return;
        }
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(high, c);
                buf[pos++] = (byte) (0xF0 | (cp >> 18));
                buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
                return;
            }
            buf[pos++] = '?';
            put(c);
            return;
        }
        if (c < 0x800) {
            buf[pos++] = (byte) (0xC0 | (c >> 6));
            buf[pos++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else if (Character.isLowSurrogate(c)) {
            buf[pos++] = '?';
        } else {
            buf[pos++] = (byte) (0xE0 | (c >> 12));
            buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            buf[pos++] = (byte) (0x80 | (c & 0x3F));
        }
    }

    /** Bytes already encoded (by {@link JsonStream}), after whatever text is buffered. */
    @Override
    public void writeUtf8(byte[] bytes, int off, int len) throws IOException {
        if (pendingHigh != 0) {
            pendingHigh = 0;
            put('?');
        }
        drain();
        out.write(bytes, off, len);
    }

    private void drain() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    /** Writes what is buffered; a high surrogate still waiting for its other half stays buffered until close. */
    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (pendingHigh != 0) {
            pendingHigh = 0;
            if (pos > SIZE - 4) {
                drain();
            }
            buf[pos++] = '?';
        }
        flush();
        out.close();
    }
}
