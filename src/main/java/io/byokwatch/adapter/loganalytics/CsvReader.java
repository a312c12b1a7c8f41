package io.byokwatch.adapter.loganalytics;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV, as the Log Analytics portal exports it: comma-separated, fields in double quotes when they hold commas,
 * quotes ({@code ""}) or line breaks (dynamic columns such as {@code Identity} are JSON inside quotes).
 */
final class CsvReader {
    private final Reader in;
    private int line = 1;
    private int recordLine = 1;
    private int pushback = -2;

    CsvReader(Reader in) {
        this.in = in;
    }

    /** The next record's fields, or null at the end of the input. */
    String[] next() throws IOException {
        int c = read();
        while (c == '\n' || c == '\r') {
            c = read();
        }
        if (c == -1) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new IOException("line " + recordLine + ": a quoted field is not closed");
                }
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = n;
                        continue;
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r' || c == -1) {
                if (c == '\r') {
                    int n = read();
                    if (n != '\n') {
                        unread(n);
                    }
                }
                fields.add(field.toString());
                return fields.toArray(String[]::new);
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    /** The line the last record returned by {@link #next()} started on. */
    int recordLine() {
        return recordLine;
    }

    private int read() throws IOException {
        int c;
        if (pushback != -2) {
            c = pushback;
            pushback = -2;
        } else {
            c = in.read();
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private void unread(int c) {
        if (c == '\n') {
            line--;
        }
        pushback = c;
    }
}
