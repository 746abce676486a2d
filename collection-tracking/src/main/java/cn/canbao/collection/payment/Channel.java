package cn.canbao.collection.payment;

import java.util.Arrays;
import java.util.Optional;

/**
 * The channel through which the tax bureau received a payment. The online and offline channels
 * named by 呼医保发〔2024〕13号 五（一）, 五（五） and 怀远县2025年度居民医保参保缴费工作方案 四（一）.
 */
public enum Channel {
    WECHAT("微信"),
    ALIPAY("支付宝"),
    MENGSUBAN("蒙速办"),
    WANSHITONG("皖事通"),
    TAX_APP("税务APP"),
    TAX_HALL("税务缴费大厅"),
    BANK("银行网点"),
    COMMUNITY_AGENT("代征社区"),
    SCHOOL("学校代收");

    private final String chineseName;

    Channel(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }

    /** Accepts the code ({@code WECHAT}) or the Chinese name ({@code 微信}), as tax files use either. */
    public static Optional<Channel> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        return Arrays.stream(values())
                .filter(c -> c.name().equalsIgnoreCase(trimmed) || c.chineseName.equals(trimmed))
                .findFirst();
    }
}
