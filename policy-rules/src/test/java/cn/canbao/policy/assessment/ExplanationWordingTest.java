package cn.canbao.policy.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import cn.canbao.money.Money;
import cn.canbao.policy.Funder;
import cn.canbao.policy.Identity;
import cn.canbao.policy.SubsidyMode;

class ExplanationWordingTest {

    @Test
    void theChineseAndEnglishWordingsHaveExactlyTheSameKeys() throws IOException {
        assertThat(keys("explanations_zh.properties")).isEqualTo(keys("explanations.properties"));
    }

    @Test
    void domainCodesReadAsTheirChineseTermsInChineseAndKeepTheCodeInEnglish() {
        Explanation step = Explanation.of("funder.pays", null, Funder.MEDICAL_ASSISTANCE_FUND, Money.parse("380.00"), SubsidyMode.DIRECT);

        assertThat(step.text(Locale.SIMPLIFIED_CHINESE))
                .isEqualTo(Funder.MEDICAL_ASSISTANCE_FUND.chineseName() + "承担380.00元（" + SubsidyMode.DIRECT.chineseName() + "）");
        assertThat(step.text()).startsWith("MEDICAL_ASSISTANCE_FUND (" + Funder.MEDICAL_ASSISTANCE_FUND.chineseName() + ") pays 380.00");
    }

    @Test
    void listsAndSentencePartsAreWordedInTheSameLanguageAsTheWholeStep() {
        Explanation step = Explanation.of("waiting.exempt.identities", null, cn.canbao.policy.ParticipantCategory.STUDENT,
                List.of(Identity.TEKUN, Identity.DIBAO));
        Explanation situation = Explanation.of("waiting.noRule", null, Explanation.part("situation.afterLapse", 2));

        assertThat(step.text(Locale.SIMPLIFIED_CHINESE)).contains(Identity.TEKUN.chineseName() + "、" + Identity.DIBAO.chineseName());
        assertThat(situation.text(Locale.SIMPLIFIED_CHINESE)).contains("断缴2年后参保");
        assertThat(situation.text()).endsWith("after 2 year(s) of lapse");
    }

    private static Properties keys(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ExplanationWordingTest.class.getResourceAsStream("/cn/canbao/policy/assessment/" + file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        properties.replaceAll((key, value) -> "");
        return properties;
    }
}
