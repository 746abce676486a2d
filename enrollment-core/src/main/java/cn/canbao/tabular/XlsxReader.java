package cn.canbao.tabular;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.github.pjfanning.xlsx.StreamingReader;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The first sheet of an .xlsx file through excel-streaming-reader: rows are parsed from the XML as
 * they are needed and only a small window is held. Formulas are never evaluated: a formula cell
 * reads as its formula text (starting with "="), which the field rules reject.
 */
final class XlsxReader extends TabularReader {

    private final Workbook workbook;
    private final Iterator<Row> rows;

    XlsxReader(InputStream in) {
        Workbook opened = null;
        try {
            opened = StreamingReader.builder()
                    .rowCacheSize(200)
                    .bufferSize(16 * 1024)
                    .setReadComments(false)
                    .setReadHyperlinks(false)
                    .setReadShapes(false)
                    // Shared strings go to a temp file so a large workbook never fills the heap.
                    .setUseSstTempFile(true)
                    .open(in);
            if (opened.getNumberOfSheets() == 0) {
                throw new TabularFileException("Excel文件没有工作表", 0);
            }
            // Reading the first sheet's start already parses XML, which may be broken.
            this.rows = opened.getSheetAt(0).rowIterator();
            this.workbook = opened;
        } catch (RuntimeException e) {
            closeQuietly(opened, e);
            throw e instanceof TabularFileException tabular ? tabular
                    : new TabularFileException("无法读取Excel文件：" + e.getMessage(), 0, e);
        }
    }

    private static void closeQuietly(Workbook workbook, RuntimeException failure) {
        if (workbook != null) {
            try {
                workbook.close();
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    @Override
    public TabularFormat format() {
        return TabularFormat.XLSX;
    }

    @Override
    public Charset charset() {
        return StandardCharsets.UTF_8;
    }

    @Override
    protected TabularRow readRow() {
        Row row;
        try {
            if (!rows.hasNext()) {
                return null;
            }
            row = rows.next();
        } catch (RuntimeException e) {
            throw new TabularFileException("Excel文件内容无法解析：" + e.getMessage(), 0, e);
        }
        int width = Math.max(row.getLastCellNum(), 0);
        List<String> cells = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            cells.add(text(row.getCell(i)));
        }
        return new TabularRow(row.getRowNum() + 1L, cells);
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> numeric(cell);
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            case FORMULA -> "=" + cell.getCellFormula();
            case ERROR -> "#ERROR";
            case BLANK, _NONE -> null;
        };
    }

    private static String numeric(Cell cell) {
        if (DateUtil.isCellDateFormatted(cell)) {
            LocalDateTime value = cell.getLocalDateTimeCellValue();
            return value.toLocalTime().toSecondOfDay() == 0 ? value.toLocalDate().toString() : value.toString();
        }
        return BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }
}
