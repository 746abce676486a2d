package cn.canbao.enrollment.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class ResidentIdNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 10, 1);

    static String withCheck(String first17) {
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    @Test
    void theStandardExampleIsValidAndDerivesBirthDateAndSex() {
        Check<ResidentIdNumber> id = ResidentIdNumber.check("11010519491231002X", TODAY);

        assertThat(id.valid()).isTrue();
        assertThat(id.value().birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.value().sex()).isEqualTo(Sex.FEMALE);
        assertThat(id.value().regionPrefix()).isEqualTo("110105");
    }

    @Test
    void anOddSeventeenthDigitMeansMale() {
        ResidentIdNumber id = ResidentIdNumber.check(withCheck("15070219800101123"), TODAY).value();

        assertThat(id.sex()).isEqualTo(Sex.MALE);
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1980, 1, 1));
    }

    @Test
    void fullWidthDigitsAreRefusedAsNotDigitsInsteadOfBreakingTheCheck() {
        // "１１０１０５１９４９１２３１００２Ｘ": what a Chinese input method types in full-width mode.
        String fullWidth = "11010519491231002".chars().mapToObj(c -> String.valueOf((char) (c - '0' + '０')))
                .reduce("", String::concat) + "X";

        Check<ResidentIdNumber> id = ResidentIdNumber.check(fullWidth, TODAY);

        assertThat(id.valid()).isFalse();
        assertThat(id.reason()).isEqualTo("身份证号码前17位应为数字");
    }

    @Test
    void aFullWidthLastDigitIsRefused() {
        String first17 = "11010519491231002";

        assertThat(ResidentIdNumber.check(first17 + "０", TODAY).reason()).isEqualTo("身份证号码第18位应为数字或X");
    }

    @Test
    void theByteCheckOfTheRosterShortcutAcceptsExactlyTheNumbersTheCheckAccepts() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        String alphabet = "0123456789X";
        int valid = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder number = new StringBuilder(withCheck(String.format("%02d%04d%04d%02d%02d%03d", 10 + random.nextInt(60),
                    random.nextInt(10_000), 1890 + random.nextInt(140), random.nextInt(14), random.nextInt(33), random.nextInt(1000))));
            if (random.nextInt(3) == 0) {
                number.setCharAt(random.nextInt(18), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            byte[] bytes = ("#" + number).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

            boolean expected = ResidentIdNumber.check(number.toString(), TODAY).valid();
            assertThat(ResidentIdNumber.isValidMainland(bytes, 1, TODAY)).as(number.toString()).isEqualTo(expected);
            valid += expected ? 1 : 0;
        }
        assertThat(valid).as("valid numbers among them").isGreaterThan(5_000);
    }

    @Test
    void aLowercaseXCheckCharacterIsNormalised() {
        assertThat(ResidentIdNumber.check("11010519491231002x", TODAY).value().value()).isEqualTo("11010519491231002X");
    }

    @Test
    void aWrongCheckCharacterIsRejectedWithTheExpectedOne() {
        Check<ResidentIdNumber> id = ResidentIdNumber.check("110105194912310021", TODAY);

        assertThat(id.valid()).isFalse();
        assertThat(id.reason()).contains("校验位").contains("X");
    }

    @Test
    void anImpossibleBirthDateIsRejected() {
        assertThat(ResidentIdNumber.check(withCheck("15070219800230123"), TODAY).reason()).contains("出生日期");
    }

    @Test
    void aBirthDateAfterTodayIsRejected() {
        assertThat(ResidentIdNumber.check(withCheck("15070220241002123"), TODAY).reason()).contains("合理范围");
    }

    @Test
    void aBirthDateBefore1900IsRejected() {
        assertThat(ResidentIdNumber.check(withCheck("15070218991231123"), TODAY).reason()).contains("合理范围");
    }

    @Test
    void anUnknownProvinceCodeIsRejected() {
        assertThat(ResidentIdNumber.check(withCheck("99070219800101123"), TODAY).reason()).contains("省级行政区划代码");
    }

    @Test
    void wrongLengthsAndCharactersAreRejected() {
        assertThat(ResidentIdNumber.check("1507021980010112", TODAY).reason()).contains("18位");
        assertThat(ResidentIdNumber.check("150702800101123", TODAY).reason()).contains("15位");
        assertThat(ResidentIdNumber.check("15070219800101A234", TODAY).reason()).contains("前17位");
        assertThat(ResidentIdNumber.check("15070219800101123Y", TODAY).reason()).contains("第18位");
        assertThat(ResidentIdNumber.check(" ", TODAY).reason()).contains("为空");
    }

    @Test
    void aHongKongMacaoTaiwanPermitNumberIsNotAcceptedAsAResidentId() {
        String permit = withCheck("81000019900101123");

        assertThat(ResidentIdNumber.check(permit, TODAY).reason()).contains("港澳台居民居住证");
        assertThat(ResidentIdNumber.checkHongKongMacaoTaiwan(permit, TODAY).valid()).isTrue();
        assertThat(ResidentIdNumber.checkHongKongMacaoTaiwan(withCheck("15070219900101123"), TODAY).reason())
                .contains("810000");
    }

    @Test
    void ofThrowsWithTheReason() {
        assertThatThrownBy(() -> ResidentIdNumber.of("110105194912310021")).hasMessageContaining("校验位");
    }
}
