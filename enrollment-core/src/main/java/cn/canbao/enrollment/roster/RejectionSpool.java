package cn.canbao.enrollment.roster;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import org.postgresql.copy.CopyManager;

import cn.canbao.tabular.RowRejection;

/**
 * The rejected lines of an import while its valid lines stream into their table (one COPY at a time
 * per connection): kept in a temporary file as COPY text, not in memory, and copied into
 * {@code roster_import_error} after the main COPY. The file is deleted on close.
 */
final class RejectionSpool implements Closeable {

    private final String rosterImportId;
    private final Path file;
    private final BufferedWriter out;
    private long count;

    RejectionSpool(long rosterImportId) {
        this.rosterImportId = Long.toString(rosterImportId);
        try {
            this.file = Files.createTempFile("roster-rejections", ".tsv");
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(RowRejection rejection) {
        try {
            out.write(rosterImportId);
            out.write('\t');
            out.write(Long.toString(rejection.line()));
            out.write('\t');
            escaped(truncate(rejection.field(), 100));
            out.write('\t');
            escaped(truncate(rejection.reason(), 500));
            out.write('\n');
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long count() {
        return count;
    }

    /** Copies the spooled lines into the error report of the import. */
    void copyInto(CopyManager copy) throws SQLException, IOException {
        out.flush();
        if (count == 0) {
            return;
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            copy.copyIn("COPY roster_import_error (roster_import_id, line, field, reason) FROM STDIN", in);
        }
    }

    private void escaped(String text) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.write("\\\\");
                case '\t' -> out.write("\\t");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                default -> out.write(c);
            }
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            // deleting below is what matters
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
