package cn.canbao.enrollment.person;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class IdentityDocumentTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 10, 1);
    private static final String ID = ResidentIdNumberTest.withCheck("15070219800101123");

    @Test
    void aResidencePermitCarriesTheHoldersIdNumberAndTheSamePersonKey() {
        IdentityDocument permit = IdentityDocument.check(DocumentType.RESIDENCE_PERMIT, ID, TODAY).value();
        IdentityDocument id = IdentityDocument.check(DocumentType.RESIDENT_ID, ID, TODAY).value();

        assertThat(permit.birthDate()).contains(LocalDate.of(1980, 1, 1));
        assertThat(permit.sex()).contains(Sex.MALE);
        assertThat(PersonKey.of(permit, null)).isEqualTo(PersonKey.of(id, null));
    }

    @Test
    void hongKongMacaoAndTaiwanPermitsNeedTheirPrefixes() {
        for (String prefix : new String[] {"810000", "820000", "830000"}) {
            String number = ResidentIdNumberTest.withCheck(prefix + "19900101124");
            IdentityDocument permit = IdentityDocument.check(DocumentType.HK_MO_TW_RESIDENCE_PERMIT, number, TODAY).value();
            assertThat(permit.sex()).contains(Sex.FEMALE);
        }
        assertThat(IdentityDocument.check(DocumentType.HK_MO_TW_RESIDENCE_PERMIT, ID, TODAY).valid()).isFalse();
    }

    @Test
    void foreignPermanentResidenceCardsOfBothLayoutsAreAccepted() {
        assertThat(IdentityDocument.check(DocumentType.FOREIGN_PERMANENT_RESIDENCE_CARD, "USA110088061201", TODAY).valid()).isTrue();
        String newLayout = ResidentIdNumberTest.withCheck("91184019880612001");
        assertThat(IdentityDocument.check(DocumentType.FOREIGN_PERMANENT_RESIDENCE_CARD, newLayout, TODAY).valid()).isTrue();
        String wrongCheck = newLayout.substring(0, 17) + (newLayout.charAt(17) == '0' ? '1' : '0');
        assertThat(IdentityDocument.check(DocumentType.FOREIGN_PERMANENT_RESIDENCE_CARD, wrongCheck, TODAY).reason()).contains("校验位");
        assertThat(IdentityDocument.check(DocumentType.FOREIGN_PERMANENT_RESIDENCE_CARD, "US110088061201", TODAY).valid()).isFalse();
    }

    @Test
    void passportsAndBirthCertificatesAreCheckedByFormatOnlyAndCarryNoBirthDate() {
        IdentityDocument passport = IdentityDocument.check(DocumentType.PASSPORT, "e12345678", TODAY).value();
        assertThat(passport.number()).isEqualTo("E12345678");
        assertThat(passport.birthDate()).isEmpty();
        assertThat(IdentityDocument.check(DocumentType.PASSPORT, "E12-345", TODAY).valid()).isFalse();

        assertThat(IdentityDocument.check(DocumentType.BIRTH_MEDICAL_CERTIFICATE, "O150012345", TODAY).valid()).isTrue();
        assertThat(IdentityDocument.check(DocumentType.BIRTH_MEDICAL_CERTIFICATE, "1500123456", TODAY).reason()).contains("出生医学证明");
    }

    @Test
    void aNewbornWhoDiedBeforeRegistrationUsesTheParentsIdButHasItsOwnKey() {
        IdentityDocument parentsId = IdentityDocument.check(DocumentType.PARENT_ID_FOR_DECEASED_NEWBORN, ID, TODAY).value();
        IdentityDocument parentOwn = IdentityDocument.check(DocumentType.RESIDENT_ID, ID, TODAY).value();

        assertThat(parentsId.birthDate()).as("the number is the parent's, not the newborn's").isEmpty();
        assertThat(PersonKey.of(parentsId, LocalDate.of(2024, 9, 1))).isNotEqualTo(PersonKey.of(parentOwn, null));
        assertThat(PersonKey.of(parentsId, LocalDate.of(2024, 9, 1)).value()).startsWith("XS").endsWith("20240901");
    }

    @Test
    void theDeceasedNewbornsNameIsTheParentsNamePlusXse() {
        assertThat(PersonName.check("张三XSE", DocumentType.PARENT_ID_FOR_DECEASED_NEWBORN).valid()).isTrue();
        assertThat(PersonName.check("张三", DocumentType.PARENT_ID_FOR_DECEASED_NEWBORN).reason()).contains("XSE");
        assertThat(PersonName.check("XSE", DocumentType.PARENT_ID_FOR_DECEASED_NEWBORN).valid()).isFalse();
    }

    @Test
    void namesRejectFormulaPrefixesDigitsAndOverlongText() {
        assertThat(PersonName.check("=HYPERLINK(\"x\")", DocumentType.RESIDENT_ID).reason()).contains("=");
        assertThat(PersonName.check("张3", DocumentType.RESIDENT_ID).valid()).isFalse();
        assertThat(PersonName.check("张".repeat(51), DocumentType.RESIDENT_ID).valid()).isFalse();
        assertThat(PersonName.check(" 阿依古丽·买买提 ", DocumentType.RESIDENT_ID).value()).isEqualTo("阿依古丽·买买提");
    }

    @Test
    void documentTypesParseFromCodesAndChineseNames() {
        assertThat(DocumentType.parse("")).contains(DocumentType.RESIDENT_ID);
        assertThat(DocumentType.parse("身份证")).contains(DocumentType.RESIDENT_ID);
        assertThat(DocumentType.parse("护照")).contains(DocumentType.PASSPORT);
        assertThat(DocumentType.parse("passport")).contains(DocumentType.PASSPORT);
        assertThat(DocumentType.parse("驾驶证")).isEmpty();
    }
}
