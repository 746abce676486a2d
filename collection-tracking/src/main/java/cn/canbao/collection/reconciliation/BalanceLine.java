package cn.canbao.collection.reconciliation;

import java.util.Optional;

import cn.canbao.collection.payment.Channel;
import cn.canbao.money.Money;

/**
 * One collecting unit and channel: the records against the file's control totals.
 *
 * @param recordCount records of the unit and channel found in the file
 * @param netAmount their net amount
 * @param control the stated totals, empty when the file states none for this unit and channel
 * @param ledgersAgree 账账相符: the stated count and net amount equal the records
 * @param fundsAgree 账款相符: the money received equals the records' net amount; empty when no
 *     received amount was stated
 */
public record BalanceLine(String collectingUnit, Channel channel, long recordCount, Money netAmount,
                          Optional<ControlTotal> control, boolean ledgersAgree, Optional<Boolean> fundsAgree) {

    public boolean balanced() {
        return ledgersAgree && fundsAgree.orElse(true);
    }
}
