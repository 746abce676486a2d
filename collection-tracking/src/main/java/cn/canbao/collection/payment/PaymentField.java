package cn.canbao.collection.payment;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The columns of a payment file, with the header names accepted for each (Chinese or code). */
public enum PaymentField {
    TRANSACTION_ID(true, "交易流水号", "transaction_id"),
    ID_NUMBER(true, "证件号码", "id_number"),
    NAME(true, "姓名", "name"),
    AMOUNT(true, "金额", "amount"),
    COVERAGE_YEAR(true, "缴费年度", "coverage_year"),
    CHANNEL(true, "缴费渠道", "channel"),
    PAID_AT(true, "缴费时间", "paid_at"),
    COLLECTING_UNIT(true, "征收单位", "collecting_unit"),
    COLLECTING_REGION(true, "征收地区代码", "collecting_region"),
    KIND(false, "类型", "kind"),
    REVERSES(false, "原交易流水号", "reverses");

    private final boolean required;
    private final List<String> headers;

    PaymentField(boolean required, String... headers) {
        this.required = required;
        this.headers = List.of(headers);
    }

    public boolean required() {
        return required;
    }

    /** The Chinese header: written in templates and named in error messages. */
    public String header() {
        return headers.get(0);
    }

    /** The English code, used in the API and accepted as a header. */
    public String code() {
        return headers.get(1);
    }

    public List<String> headers() {
        return headers;
    }

    public static Optional<PaymentField> forHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.trim().replace("\uFEFF", "");
        return Arrays.stream(values()).filter(f -> f.headers.stream().anyMatch(h::equalsIgnoreCase)).findFirst();
    }
}
