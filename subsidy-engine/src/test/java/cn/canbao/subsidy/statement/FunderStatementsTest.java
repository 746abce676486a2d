package cn.canbao.subsidy.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import cn.canbao.money.Money;
import cn.canbao.policy.Funder;
import cn.canbao.policy.Identity;
import cn.canbao.policy.SubsidyMode;

class FunderStatementsTest {

    private static final String LOW_INCOME_CITE = "呼医保发〔2024〕13号 二（二）二是";
    private static final String DISABILITY_CITE = "呼医保发〔2024〕13号 二（二）三是";
    private static final String TEKUN_CITE = "呼医保发〔2024〕13号 二（二）一是";

    private static SubsidyLine line(long id, String township, Identity identity, Funder funder, String yuan, String rule, String cite) {
        return new SubsidyLine(id, "person " + id, township, identity, funder, Money.parse(yuan), SubsidyMode.DIRECT, rule, rule, cite);
    }

    @Test
    void eachFunderGetsItsPeoplePerTownshipPerIdentityAndPerRuleWithTotalsToTheFen() {
        FunderStatements statements = new FunderStatements()
                .add(line(1, "150702001000", Identity.DIBAO, Funder.MEDICAL_ASSISTANCE_FUND, "200.00", "low-income", LOW_INCOME_CITE))
                .add(line(2, "150702001000", Identity.MONITORED, Funder.MEDICAL_ASSISTANCE_FUND, "200.00", "low-income", LOW_INCOME_CITE))
                .add(line(3, "150702002000", Identity.SEVERE_DISABILITY, Funder.DISABLED_PERSONS_FEDERATION, "100.00", "severe-disability", DISABILITY_CITE))
                .add(line(3, "150702002000", Identity.SEVERE_DISABILITY, Funder.MEDICAL_ASSISTANCE_FUND, "100.00", "severe-disability", DISABILITY_CITE))
                .add(line(4, "150702002000", Identity.TEKUN, Funder.MEDICAL_ASSISTANCE_FUND, "400.00", "tekun-orphan-unsupported-child", TEKUN_CITE));

        FunderStatement fund = statements.statement(Funder.MEDICAL_ASSISTANCE_FUND);
        assertThat(fund.total()).isEqualTo(new Subtotal(4, Money.parse("900.00")));
        assertThat(fund.byTownship()).containsEntry("150702001000", new Subtotal(2, Money.parse("400.00")))
                .containsEntry("150702002000", new Subtotal(2, Money.parse("500.00")));
        assertThat(fund.byIdentity()).containsEntry(Identity.DIBAO, new Subtotal(1, Money.parse("200.00")))
                .containsEntry(Identity.TEKUN, new Subtotal(1, Money.parse("400.00")));
        assertThat(fund.byRule().get("low-income").citation()).isEqualTo(LOW_INCOME_CITE);
        assertThat(fund.byRule().get("low-income").subtotal()).isEqualTo(new Subtotal(2, Money.parse("400.00")));

        assertThat(statements.statement(Funder.DISABLED_PERSONS_FEDERATION).total()).isEqualTo(new Subtotal(1, Money.parse("100.00")));
        assertThat(statements.statement(Funder.VETERANS_AFFAIRS_BUREAU).total()).isEqualTo(Subtotal.EMPTY);
        assertThat(statements.statements()).extracting(FunderStatement::funder).containsExactly(Funder.values());
        assertThat(statements.grandTotal()).isEqualTo(new Subtotal(5, Money.parse("1000.00")));
    }

    @Test
    void aZeroPartIsNoLineAndANegativePartIsRefused() {
        FunderStatements statements = new FunderStatements()
                .add(line(1, "340321100000", Identity.DIBAO, Funder.MEDICAL_ASSISTANCE_FUND, "0", "dibao", "x"));
        assertThat(statements.grandTotal()).isEqualTo(Subtotal.EMPTY);
        assertThatThrownBy(() -> line(2, "340321100000", Identity.DIBAO, Funder.MEDICAL_ASSISTANCE_FUND, "-1", "dibao", "x"))
                .hasMessageContaining("cannot be negative").hasMessageContaining("enrollment 2");
    }
}
