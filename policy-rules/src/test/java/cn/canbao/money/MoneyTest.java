package cn.canbao.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void parsesYuanAndPrintsTwoDecimalPlaces() {
        assertThat(Money.parse("400").toString()).isEqualTo("400.00");
        assertThat(Money.parse("40.2").fen()).isEqualTo(4020);
        assertThat(Money.ofYuan(670).toString()).isEqualTo("670.00");
    }

    @Test
    void refusesFractionsOfAFen() {
        assertThatThrownBy(() -> Money.parse("1.005")).hasMessageContaining("two decimal places");
        assertThatThrownBy(() -> Money.parse("abc")).hasMessageContaining("not an amount");
    }

    @Test
    void splitsByRatioRoundingHalfUpToTheFen() {
        Money subsidy = Money.ofYuan(670);
        assertThat(subsidy.times(new BigDecimal("0.80"))).isEqualTo(Money.ofYuan(536));
        assertThat(subsidy.times(new BigDecimal("0.06")).times(new BigDecimal("0.30"))).isEqualTo(Money.parse("12.06"));
        assertThat(Money.ofFen(5).times(new BigDecimal("0.5"))).isEqualTo(Money.ofFen(3));
    }

    @Test
    void addsAndSubtractsExactly() {
        assertThat(Money.parse("0.10").plus(Money.parse("0.20"))).isEqualTo(Money.parse("0.30"));
        assertThat(Money.ofYuan(200).minus(Money.ofYuan(400)).isNegative()).isTrue();
    }
}
