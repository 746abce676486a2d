package cn.canbao.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

class SnapshotCopyReaderTest {

    @Test
    void anUnquotedEmptyFieldIsNullAndQuotedFieldsKeepCommasAndQuotes() {
        assertThat(SnapshotCopyReader.splitCsv("T1,2025,,\"张,三\",\"say \"\"hi\"\"\",\n"))
                .containsExactly("T1", "2025", null, "张,三", "say \"hi\"", null);
        assertThat(SnapshotCopyReader.splitCsv("a,\"\",b\n")).containsExactly("a", "", "b");
    }

    @Test
    void datesAndTimestampsAreReadAsCopyPrintsThemWithOrWithoutFractions() {
        assertThat(SnapshotCopyReader.date("2024-10-08")).isEqualTo(LocalDate.of(2024, 10, 8));
        assertThat(SnapshotCopyReader.timestamp("2024-10-08 09:30:05")).isEqualTo(LocalDateTime.of(2024, 10, 8, 9, 30, 5));
        assertThat(SnapshotCopyReader.timestamp("2024-10-08 09:30:05.25")).isEqualTo(LocalDateTime.of(2024, 10, 8, 9, 30, 5, 250_000_000));
    }
}
