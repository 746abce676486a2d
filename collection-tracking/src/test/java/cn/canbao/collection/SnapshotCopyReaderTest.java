package cn.canbao.collection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapshotCopyReaderTest {

    @Test
    void anUnquotedEmptyFieldIsNullAndQuotedFieldsKeepCommasAndQuotes() {
        assertThat(SnapshotCopyReader.splitCsv("T1,2025,,\"张,三\",\"say \"\"hi\"\"\",\n"))
                .containsExactly("T1", "2025", null, "张,三", "say \"hi\"", null);
        assertThat(SnapshotCopyReader.splitCsv("a,\"\",b\n")).containsExactly("a", "", "b");
    }
}
