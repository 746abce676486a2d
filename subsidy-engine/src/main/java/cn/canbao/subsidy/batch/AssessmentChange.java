package cn.canbao.subsidy.batch;

import cn.canbao.money.Money;

/** One enrollment a re-run changed: amounts and rule before and after. */
public record AssessmentChange(long enrollmentId, String regionCode, Money personalDueBefore, Money personalDueAfter,
                               Money subsidyBefore, Money subsidyAfter, String ruleBefore, String ruleAfter,
                               Boolean acceptedBefore, boolean acceptedAfter) {
}
