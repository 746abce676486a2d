package cn.canbao.tabular;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes an .xlsx with POI SXSSF: only a window of 500 rows is in memory, so exports of whole
 * counties stream. Every cell is text (format "@") so ID numbers never turn into numbers, and
 * every value is formula-neutralised.
 */
public final class SpreadsheetWriter implements Closeable {

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(500);
    private final SXSSFSheet sheet;
    private final CellStyle textStyle;
    private int nextRow;

    public SpreadsheetWriter(String sheetName, List<String> headers) {
        sheet = workbook.createSheet(sheetName);
        textStyle = workbook.createCellStyle();
        textStyle.setDataFormat(workbook.createDataFormat().getFormat("@"));
        CellStyle headerStyle = workbook.createCellStyle();
        Font bold = workbook.createFont();
        bold.setBold(true);
        headerStyle.setFont(bold);
        headerStyle.setDataFormat(textStyle.getDataFormat());
        for (int i = 0; i < headers.size(); i++) {
            sheet.setDefaultColumnStyle(i, textStyle);
            sheet.setColumnWidth(i, 20 * 256);
        }
        writeRow(headers, headerStyle);
    }

    public void row(List<String> values) {
        writeRow(values, textStyle);
    }

    private void writeRow(List<String> values, CellStyle style) {
        Row row = sheet.createRow(nextRow++);
        for (int i = 0; i < values.size(); i++) {
            var cell = row.createCell(i);
            cell.setCellStyle(style);
            String value = values.get(i);
            if (value != null) {
                cell.setCellValue(SpreadsheetText.neutralise(value));
            }
        }
    }

    public void writeTo(OutputStream out) throws IOException {
        workbook.write(out);
    }

    /** A template: the header row of the columns and optional example rows. */
    public static void writeTemplate(OutputStream out, String sheetName, List<Column> columns, List<List<String>> examples)
            throws IOException {
        try (SpreadsheetWriter writer = new SpreadsheetWriter(sheetName, columns.stream().map(Column::templateHeader).toList())) {
            examples.forEach(writer::row);
            writer.writeTo(out);
        }
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }
}
