package cn.canbao.enrollment.person;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void anIdNumberKeepsRegionAndLastFourDigits() {
        assertThat(Masking.maskDocumentNumber("150702198001011234")).isEqualTo("150702********1234");
    }

    @Test
    void aMobileNumberKeepsThreeAndFourDigits() {
        assertThat(Masking.maskPhone("13812345678")).isEqualTo("138****5678");
    }

    @Test
    void shortDocumentsKeepTwoCharactersAtEachEnd() {
        assertThat(Masking.maskDocumentNumber("E12345678")).isEqualTo("E1*****78");
        assertThat(Masking.maskDocumentNumber("123")).isEqualTo("***");
    }

    @Test
    void aPersonKeyPrintsMasked() {
        assertThat(new PersonKey("CN150702198001011234").toString()).isEqualTo("CN150702********1234");
    }
}
