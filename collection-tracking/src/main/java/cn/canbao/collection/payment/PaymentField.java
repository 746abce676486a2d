package cn.canbao.collection.payment;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The columns of a payment file, with the header names accepted for each (code or Chinese). */
public enum PaymentField {
    TRANSACTION_ID(true, "transaction_id", "交易流水号"),
    ID_NUMBER(true, "id_number", "证件号码"),
    NAME(true, "name", "姓名"),
    AMOUNT(true, "amount", "金额"),
    COVERAGE_YEAR(true, "coverage_year", "缴费年度"),
    CHANNEL(true, "channel", "缴费渠道"),
    PAID_AT(true, "paid_at", "缴费时间"),
    COLLECTING_UNIT(true, "collecting_unit", "征收单位"),
    COLLECTING_REGION(true, "collecting_region", "征收地区代码"),
    KIND(false, "kind", "类型"),
    REVERSES(false, "reverses", "原交易流水号");

    private final boolean required;
    private final List<String> headers;

    PaymentField(boolean required, String... headers) {
        this.required = required;
        this.headers = List.of(headers);
    }

    public boolean required() {
        return required;
    }

    /** The header written in files this system produces and named in error messages. */
    public String header() {
        return headers.get(0);
    }

    public static Optional<PaymentField> forHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.trim().replace("\uFEFF", "");
        return Arrays.stream(values()).filter(f -> f.headers.stream().anyMatch(h::equalsIgnoreCase)).findFirst();
    }
}
