package io.byokwatch.adapter.snapshot;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens an export for reading as text. UTF-8 is the default; a byte order mark is skipped, and a UTF-16 one switches
 * the charset, because Windows PowerShell 5 writes {@code az ... > file.json} as UTF-16LE. Bytes that are not valid
 * text fail the read instead of turning into replacement characters inside ids.
 */
final class TextFiles {
    private TextFiles() {
    }

    static Reader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        try {
            in.mark(3);
            int b0 = in.read();
            int b1 = in.read();
            int b2 = in.read();
            Charset charset = StandardCharsets.UTF_8;
            int skip = 0;
            if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
                skip = 3;
            } else if (b0 == 0xFF && b1 == 0xFE) {
                charset = StandardCharsets.UTF_16LE;
                skip = 2;
            } else if (b0 == 0xFE && b1 == 0xFF) {
                charset = StandardCharsets.UTF_16BE;
                skip = 2;
            }
            in.reset();
            in.skipNBytes(skip);
            return new InputStreamReader(in, charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
