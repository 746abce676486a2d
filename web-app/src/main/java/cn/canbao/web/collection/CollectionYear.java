package cn.canbao.web.collection;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.stereotype.Component;

/**
 * The coverage year and date pages default to: collection for year Y runs from autumn of Y-1
 * (呼医保发〔2024〕13号 三: from 9月3日; 怀远县2025年度居民医保参保缴费工作方案 三: from 9月1日), so from
 * September on the next year is the one being collected.
 */
@Component
public class CollectionYear {

    private final Clock clock;

    CollectionYear(Clock clock) {
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public int current() {
        LocalDate today = today();
        return today.getMonthValue() >= 9 ? today.getYear() + 1 : today.getYear();
    }
}
