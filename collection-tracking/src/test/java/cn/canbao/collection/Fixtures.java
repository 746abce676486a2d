package cn.canbao.collection;

import java.time.LocalDateTime;
import java.util.Optional;

import cn.canbao.collection.payment.Channel;
import cn.canbao.collection.payment.IdNumbers;
import cn.canbao.collection.payment.PaymentKind;
import cn.canbao.collection.payment.TaxPaymentRecord;
import cn.canbao.money.Money;
import cn.canbao.region.RegionCode;

/** Small hand-made people and records shared by the tests. */
public final class Fixtures {

    public static final RegionCode HUAIYUAN = RegionCode.of("340321");
    public static final RegionCode RONGCHENG = RegionCode.of("340321100000");
    public static final RegionCode RONGCHENG_VILLAGE = RegionCode.of("340321100201");
    public static final RegionCode BAOJI_VILLAGE = RegionCode.of("340321101201");
    public static final RegionCode HAILAR = RegionCode.of("150702");
    public static final String HUAIYUAN_TAX = "国家税务总局怀远县税务局";
    /** The header line of a tax bureau payment file with every column (the import's Chinese names). */
    public static final String PAYMENT_FILE_HEADER = "交易流水号,证件号码,姓名,金额,缴费年度,缴费渠道,缴费时间,征收单位,征收地区代码,类型,原交易流水号\n";

    private Fixtures() {
    }

    /** A valid ID number for person {@code n} (1..999), born 1980-01-01 in 怀远县. */
    public static String id(int n) {
        return IdNumbers.withCheckCharacter("34032119800101%03d".formatted(n));
    }

    public static TaxPaymentRecord payment(String txn, int person, String yuan) {
        return payment(txn, person, yuan, HUAIYUAN, Channel.WECHAT);
    }

    public static TaxPaymentRecord payment(String txn, int person, String yuan, RegionCode collectingRegion, Channel channel) {
        return new TaxPaymentRecord(txn, id(person), "居民" + person, Money.parse(yuan), 2025, channel,
                LocalDateTime.of(2024, 10, 8, 9, 30), collectingRegion.equals(HUAIYUAN) ? HUAIYUAN_TAX : "税务局" + collectingRegion,
                collectingRegion, PaymentKind.PAYMENT, Optional.empty());
    }

    public static TaxPaymentRecord reversal(String txn, int person, String yuan, String reverses) {
        return new TaxPaymentRecord(txn, id(person), "居民" + person, Money.parse(yuan), 2025, Channel.WECHAT,
                LocalDateTime.of(2024, 10, 9, 9, 30), HUAIYUAN_TAX, HUAIYUAN, PaymentKind.REVERSAL, Optional.of(reverses));
    }

    public static TaxPaymentRecord refund(String txn, int person, String yuan) {
        return new TaxPaymentRecord(txn, id(person), "居民" + person, Money.parse(yuan), 2025, Channel.WECHAT,
                LocalDateTime.of(2024, 11, 9, 9, 30), HUAIYUAN_TAX, HUAIYUAN, PaymentKind.REFUND, Optional.empty());
    }
}
