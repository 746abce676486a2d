package cn.canbao.collection.reconciliation;

import java.util.Objects;
import java.util.Optional;

import cn.canbao.collection.payment.Channel;
import cn.canbao.money.Money;

/**
 * The totals the tax bureau states for one collecting unit and channel alongside its payment file.
 *
 * @param collectingUnit the unit, as in the payment records
 * @param channel the channel
 * @param recordCount how many records the unit reports
 * @param netAmount payments minus reversals and refunds, as the unit's ledger has them (账)
 * @param receivedAmount money actually credited to the fund account for them (款); empty when the
 *     file does not say, then only 账账相符 can be checked
 */
public record ControlTotal(String collectingUnit, Channel channel, long recordCount, Money netAmount, Optional<Money> receivedAmount) {

    public ControlTotal {
        Objects.requireNonNull(collectingUnit, "collecting unit");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(netAmount, "net amount");
        if (recordCount < 0) {
            throw new IllegalArgumentException("record count cannot be negative");
        }
        receivedAmount = receivedAmount == null ? Optional.empty() : receivedAmount;
    }
}
