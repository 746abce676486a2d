package cn.canbao.collection.reconciliation;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import cn.canbao.collection.payment.Channel;
import cn.canbao.money.Money;
import cn.canbao.tabular.Column;
import cn.canbao.tabular.HeaderMapping;
import cn.canbao.tabular.MappedRow;
import cn.canbao.tabular.TabularFileException;
import cn.canbao.tabular.TabularReader;

/**
 * Reads the tax bureau's control totals (CSV or xlsx): one row per collecting unit and channel with
 * the count, the net amount of its ledger, and optionally the money received. Any bad row refuses
 * the whole file: totals that are partly wrong cannot be balanced against.
 */
public final class ControlTotalFile {

    public static final List<Column> COLUMNS = List.of(
            Column.required("collecting_unit", "征收单位", "collecting_unit"),
            Column.required("channel", "缴费渠道", "channel"),
            Column.required("record_count", "笔数", "record_count"),
            Column.required("net_amount", "净额", "net_amount"),
            Column.optional("received_amount", "到账金额", "received_amount"));

    private ControlTotalFile() {
    }

    /** The totals, or IllegalArgumentException naming the line, field and reason of the first problem. */
    public static List<ControlTotal> read(InputStream in) throws IOException {
        List<ControlTotal> totals = new ArrayList<>();
        try (TabularReader reader = TabularReader.open(in)) {
            HeaderMapping mapping = HeaderMapping.resolve(reader.headers(), COLUMNS);
            while (reader.hasNext()) {
                MappedRow row = mapping.map(reader.next());
                totals.add(parse(row));
            }
        } catch (TabularFileException e) {
            throw new IllegalArgumentException("控制总数文件：" + e.getMessage(), e);
        }
        return totals;
    }

    private static ControlTotal parse(MappedRow row) {
        String unit = require(row, "collecting_unit");
        Channel channel = Channel.parse(require(row, "channel"))
                .orElseThrow(() -> problem(row, "channel", "未知缴费渠道：" + row.text("channel")));
        long count;
        try {
            count = Long.parseLong(require(row, "record_count"));
        } catch (NumberFormatException e) {
            throw problem(row, "record_count", "笔数应为整数：" + row.text("record_count"));
        }
        Money net = money(row, "net_amount", require(row, "net_amount"));
        Optional<Money> received = Optional.ofNullable(row.text("received_amount")).map(t -> money(row, "received_amount", t));
        if (count < 0) {
            throw problem(row, "record_count", "笔数不能为负数");
        }
        return new ControlTotal(unit, channel, count, net, received);
    }

    private static Money money(MappedRow row, String key, String text) {
        try {
            return Money.parse(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw problem(row, key, "金额应为最多两位小数的元：" + text);
        }
    }

    private static String require(MappedRow row, String key) {
        String text = row.text(key);
        if (text == null) {
            throw problem(row, key, "不能为空");
        }
        return text;
    }

    private static IllegalArgumentException problem(MappedRow row, String key, String reason) {
        return new IllegalArgumentException("控制总数文件第" + row.line() + "行，" + row.field(key) + "：" + reason);
    }
}
