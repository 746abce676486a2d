package cn.canbao.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Files the readers refuse as a whole, with the line (and column) where the problem is. */
class TabularReaderBadFileTest {

    private static List<RowOutcome<String>> readAll(byte[] bytes) throws IOException {
        List<RowOutcome<String>> outcomes = new ArrayList<>();
        try (TabularReader reader = TabularReader.open(new ByteArrayInputStream(bytes))) {
            reader.mapRows(TabularReaderTest.NAME_AND_AGE, outcomes::add);
        }
        return outcomes;
    }

    @Test
    void bytesThatAreNeitherUtf8NorGbkAreReportedOnTheirOwnLineWithTheAdviceToSaveAsUtf8() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write("姓名,年龄\n张三,30\n李四,".getBytes(StandardCharsets.UTF_8));
        file.write(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xFF});
        file.write("\n王五,5\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> readAll(file.toByteArray())).isInstanceOfSatisfying(TabularFileException.class, e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.getMessage()).startsWith("第3行有无法按UTF-8解码").contains("CSV UTF-8");
        });
    }

    @Test
    void aGbkLineFarIntoAUtf8FileIsReportedOnItsLine() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write("姓名,年龄\n".getBytes(StandardCharsets.UTF_8));
        int lines = TabularReader.SNIFF_BYTES / "张三,30\n".getBytes(StandardCharsets.UTF_8).length + 10;
        for (int i = 0; i < lines; i++) {
            file.write("张三,30\n".getBytes(StandardCharsets.UTF_8));
        }
        file.write("李四,40\n".getBytes(TabularReader.GBK));

        assertThatThrownBy(() -> readAll(file.toByteArray())).isInstanceOfSatisfying(TabularFileException.class, e -> {
            assertThat(e.line()).isEqualTo(lines + 2L);
            assertThat(e.getMessage()).contains("UTF-8").contains("第" + (lines + 2) + "行");
        });
    }

    @Test
    void aCellLongerThanExcelAllowsRefusesTheFileNamingLineAndColumn() {
        byte[] file = ("姓名,年龄\n张三,30\n" + "长".repeat(TabularReader.MAX_CELL_CHARACTERS + 1) + ",5\n").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> readAll(file)).isInstanceOfSatisfying(TabularFileException.class, e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.getMessage()).startsWith("第3行“姓名”列").contains("32767");
        });
    }

    @Test
    void aCellOfExactlyExcelsLimitIsReadAndLeftToTheColumnRules() throws IOException {
        byte[] file = ("姓名,年龄\n" + "长".repeat(TabularReader.MAX_CELL_CHARACTERS) + ",5\n").getBytes(StandardCharsets.UTF_8);

        assertThat(readAll(file)).containsExactly(RowOutcome.rejected(2, "姓名", "内容超过200个字符"));
    }
}
