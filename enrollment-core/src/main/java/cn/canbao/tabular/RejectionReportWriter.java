package cn.canbao.tabular;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The downloadable error report: one CSV line per rejected row (行号, 字段, 原因), UTF-8 with a
 * byte-order mark so Excel opens it with the right encoding; written as rejections stream in.
 */
public final class RejectionReportWriter implements AutoCloseable {

    public static final String[] HEADERS = {"行号", "字段", "原因"};
    private final CSVPrinter printer;

    public RejectionReportWriter(OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(HEADERS).get());
    }

    public void write(RowRejection rejection) throws IOException {
        printer.printRecord(rejection.line(), SpreadsheetText.neutralise(rejection.field()),
                SpreadsheetText.neutralise(rejection.reason()));
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
