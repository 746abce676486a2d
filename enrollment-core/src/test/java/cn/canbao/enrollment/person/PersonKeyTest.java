package cn.canbao.enrollment.person;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonKeyTest {

    @Test
    void theNumberOfAResidentIdKeyIsItsSeventeenDigits() {
        assertThat(new PersonKey("CN11010519491231002X").number()).isEqualTo(11010519491231002L);
        assertThat(new PersonKey("CN340321194001010003").number()).isEqualTo(34032119400101000L);
    }

    @Test
    void keysOfOtherDocumentsGetNegativeNumbersThatNoResidentIdKeyHas() {
        long passport = new PersonKey("PPE12345678").number();
        long birthCertificate = new PersonKey("BCO123456789").number();

        assertThat(passport).isNegative().isNotEqualTo(birthCertificate);
        assertThat(birthCertificate).isNegative();
        assertThat(passport).as("60 bits").isGreaterThanOrEqualTo(-(1L << 60));
        assertThat(new PersonKey("PPE12345678").number()).as("the same key, the same number").isEqualTo(passport);
    }

    @Test
    void aKeyThatOnlyLooksLikeAResidentIdIsHashed() {
        assertThat(new PersonKey("CN1101051949123100").number()).as("too short").isNegative();
        assertThat(new PersonKey("CN11010519491231002x").number()).as("lowercase check character").isNegative();
        assertThat(new PersonKey("XS11010519491231002X20240901").number()).as("a deceased newborn's key").isNegative();
    }
}
