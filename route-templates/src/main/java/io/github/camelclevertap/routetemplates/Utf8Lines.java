package io.github.camelclevertap.routetemplates;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a UTF-8 stream, one at a time, each decoded on its own: a line with invalid UTF-8 or longer than the
 * limit comes back with its problem instead of breaking the whole file, and is never read into memory whole when it
 * is too long. A byte-order mark at the start is dropped.
 */
final class Utf8Lines implements Closeable {

    /**
     * One line, without its terminator.
     *
     * @param number     the 1-based line number
     * @param text       the line's text; empty when the line has a problem
     * @param terminator what ended it in the file: `\n`, `\r\n`, or nothing at the end of the file
     * @param problem    why the line cannot be read, or null
     */
    record Line(long number, String text, String terminator, String problem) {
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk = new byte[65536];
    private int position;
    private int limit;
    private byte[] line = new byte[512];
    private long number;

    Utf8Lines(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        int length = 0;
        long total = 0;
        boolean ended = false;
        while (!ended) {
            if (position == limit && !fill()) {
                if (total == 0) {
                    return null;
                }
                break;
            }
            int end = position;
            while (end < limit && chunk[end] != '\n') {
                end++;
            }
            ended = end < limit;
            int take = end - position;
            total += take;
            if (length + take <= maxLineBytes + 1) { // one more for a '\r' before the '\n'
                if (length + take > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, length + take));
                }
                System.arraycopy(chunk, position, line, length, take);
                length += take;
            } else {
                length = maxLineBytes + 2; // too long: keep skipping to the end of the line
            }
            position = ended ? end + 1 : end;
            total += ended ? 1 : 0;
        }
        number++;
        String terminator = ended ? "\n" : "";
        if (length > 0 && length <= maxLineBytes + 1 && line[length - 1] == '\r') {
            length--;
            terminator = "\r" + terminator;
        }
        if (length > maxLineBytes) {
            return new Line(number, "", terminator, "the line is longer than " + maxLineBytes + " bytes");
        }
        return decode(length, terminator);
    }

    private Line decode(int length, String terminator) {
        int start = number == 1 && length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
                    && (line[2] & 0xFF) == 0xBF ? 3 : 0;
        ByteBuffer bytes = ByteBuffer.wrap(line, start, length - start);
        CharBuffer chars = CharBuffer.allocate(length - start);
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (result.isError()) {
            return new Line(number, "", terminator, "invalid UTF-8: byte " + (bytes.position() - start + 1)
                                                    + " of the line (0x" + String.format("%02x", line[bytes.position()])
                                                    + ") does not start a valid UTF-8 sequence");
        }
        decoder.flush(chars);
        return new Line(number, chars.flip().toString(), terminator, null);
    }

    private boolean fill() throws IOException {
        int read = in.read(chunk);
        while (read == 0) {
            read = in.read(chunk);
        }
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
