package cn.canbao.collection.payment;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import cn.canbao.money.Money;
import cn.canbao.region.RegionCode;
import cn.canbao.tabular.SpreadsheetText;

/**
 * Turns one row of a payment file into a {@link TaxPaymentRecord}, or into the list of everything wrong
 * with it (every field is checked, so one pass shows the clerk all problems of the row).
 */
public final class PaymentRowParser {

    private static final List<DateTimeFormatter> DATE_TIMES = List.of(
            strict("uuuu-MM-dd HH:mm:ss"), strict("uuuu-MM-dd'T'HH:mm:ss"), strict("uuuu/MM/dd HH:mm:ss"),
            strict("uuuu-MM-dd HH:mm"), strict("uuuu/M/d H:mm"));
    private static final List<DateTimeFormatter> DATES = List.of(
            strict("uuuu-MM-dd"), strict("uuuu/MM/dd"), strict("uuuuMMdd"));
    /** Plain yuan as the tax bureau writes them: no sign, no exponent, no thousands separator, at most two decimals. */
    private static final Pattern PLAIN_YUAN = Pattern.compile("\\d{1,9}(\\.\\d{1,2})?");
    /**
     * No single record pays more for one person and one year: a year's personal contribution is a few hundred yuan;
     * a larger figure is a keying or file error, reported instead of booked (docs/collection.md).
     */
    static final Money MAX_AMOUNT = Money.ofYuan(10_000);

    /** Either the record or the errors; never both. */
    public record Outcome(Optional<TaxPaymentRecord> record, List<RowError> errors) {
        public boolean accepted() {
            return record.isPresent();
        }
    }

    private PaymentRowParser() {
    }

    public static Outcome parse(long line, Map<PaymentField, String> row) {
        List<RowError> errors = new ArrayList<>();
        String transactionId = required(line, row, PaymentField.TRANSACTION_ID, errors);
        if (transactionId != null && transactionId.length() > TaxPaymentRecord.MAX_TRANSACTION_ID_LENGTH) {
            errors.add(error(line, PaymentField.TRANSACTION_ID, "超过" + TaxPaymentRecord.MAX_TRANSACTION_ID_LENGTH + "个字符"));
        }
        if (SpreadsheetText.looksLikeFormula(transactionId)) {
            errors.add(error(line, PaymentField.TRANSACTION_ID, "交易流水号不能以=、+、-、@开头"));
        }
        String idNumber = required(line, row, PaymentField.ID_NUMBER, errors);
        if (idNumber != null) {
            IdNumbers.problem(idNumber).ifPresent(p -> errors.add(error(line, PaymentField.ID_NUMBER, p)));
        }
        String name = required(line, row, PaymentField.NAME, errors);
        if (SpreadsheetText.looksLikeFormula(name)) {
            errors.add(error(line, PaymentField.NAME, "姓名不能以=、+、-、@开头"));
        }
        Money amount = null;
        String amountText = required(line, row, PaymentField.AMOUNT, errors);
        if (amountText != null) {
            if (amountText.startsWith("-")) {
                errors.add(error(line, PaymentField.AMOUNT, "金额应大于0；冲正和退费请在“类型”列注明"));
            } else if (!PLAIN_YUAN.matcher(amountText).matches()) {
                errors.add(error(line, PaymentField.AMOUNT, "金额应为最多两位小数的元（不带符号、科学计数或千位分隔符）：" + amountText));
            } else {
                amount = Money.parse(amountText);
                if (!amount.isPositive()) {
                    errors.add(error(line, PaymentField.AMOUNT, "金额应大于0；冲正和退费请在“类型”列注明"));
                } else if (amount.compareTo(MAX_AMOUNT) > 0) {
                    errors.add(error(line, PaymentField.AMOUNT, "单笔金额超过" + MAX_AMOUNT + "元，不合理：" + amountText));
                }
            }
        }
        Integer year = null;
        String yearText = required(line, row, PaymentField.COVERAGE_YEAR, errors);
        if (yearText != null) {
            try {
                year = Integer.valueOf(yearText);
                if (year < 2000 || year > 2100) {
                    errors.add(error(line, PaymentField.COVERAGE_YEAR, "缴费年度不合理：" + yearText));
                }
            } catch (NumberFormatException e) {
                errors.add(error(line, PaymentField.COVERAGE_YEAR, "缴费年度应为四位年份：" + yearText));
            }
        }
        Channel channel = null;
        String channelText = required(line, row, PaymentField.CHANNEL, errors);
        if (channelText != null) {
            channel = Channel.parse(channelText).orElse(null);
            if (channel == null) {
                errors.add(error(line, PaymentField.CHANNEL, "未知缴费渠道：" + channelText));
            }
        }
        LocalDateTime paidAt = null;
        String paidAtText = required(line, row, PaymentField.PAID_AT, errors);
        if (paidAtText != null) {
            paidAt = parseDateTime(paidAtText).orElse(null);
            if (paidAt == null) {
                errors.add(error(line, PaymentField.PAID_AT, "缴费时间应如2024-10-01 09:30:00：" + paidAtText));
            }
        }
        String collectingUnit = required(line, row, PaymentField.COLLECTING_UNIT, errors);
        RegionCode collectingRegion = null;
        String regionText = required(line, row, PaymentField.COLLECTING_REGION, errors);
        if (regionText != null) {
            try {
                collectingRegion = RegionCode.of(regionText);
            } catch (IllegalArgumentException e) {
                errors.add(error(line, PaymentField.COLLECTING_REGION, e.getMessage()));
            }
        }
        String kindText = value(row, PaymentField.KIND);
        PaymentKind kind = PaymentKind.parse(kindText).orElse(null);
        if (kind == null) {
            errors.add(error(line, PaymentField.KIND, "类型应为缴费、冲正或退费：" + kindText));
        }
        Optional<String> reverses = Optional.ofNullable(value(row, PaymentField.REVERSES));
        if (kind == PaymentKind.REVERSAL && reverses.isEmpty()) {
            errors.add(error(line, PaymentField.REVERSES, "冲正记录必须注明原交易流水号"));
        }
        if (kind == PaymentKind.PAYMENT && reverses.isPresent()) {
            errors.add(error(line, PaymentField.REVERSES, "缴费记录不能填写原交易流水号"));
        }
        if (transactionId != null && reverses.filter(transactionId::equals).isPresent()) {
            errors.add(error(line, PaymentField.REVERSES, "原交易流水号不能是本笔流水号"));
        }
        if (!errors.isEmpty()) {
            return new Outcome(Optional.empty(), List.copyOf(errors));
        }
        TaxPaymentRecord record = new TaxPaymentRecord(transactionId, idNumber, name, amount, year, channel, paidAt,
                collectingUnit, collectingRegion, kind, reverses);
        return new Outcome(Optional.of(record), List.of());
    }

    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
    }

    static Optional<LocalDateTime> parseDateTime(String text) {
        for (DateTimeFormatter format : DATE_TIMES) {
            try {
                return Optional.of(LocalDateTime.parse(text, format));
            } catch (DateTimeParseException ignored) {
                // try the next accepted form
            }
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return Optional.of(LocalDate.parse(text, format).atStartOfDay());
            } catch (DateTimeParseException ignored) {
                // try the next accepted form
            }
        }
        return Optional.empty();
    }

    private static String value(Map<PaymentField, String> row, PaymentField field) {
        String v = row.get(field);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String required(long line, Map<PaymentField, String> row, PaymentField field, List<RowError> errors) {
        String v = value(row, field);
        if (v == null) {
            errors.add(error(line, field, "不能为空"));
        }
        return v;
    }

    private static RowError error(long line, PaymentField field, String reason) {
        return new RowError(line, field.header(), reason);
    }
}
