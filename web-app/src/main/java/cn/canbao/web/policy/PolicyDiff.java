package cn.canbao.web.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import cn.canbao.policy.effective.PolicyEntry;

/** The rules that differ between two effective policies (two versions, or two years), matched by rule and item. */
record PolicyDiff(List<Row> rows) {

    enum Change { ADDED, REMOVED, CHANGED }

    record Row(String rule, String item, Change change, String before, String after, String citationBefore, String citationAfter) {
    }

    static PolicyDiff between(List<PolicyEntry> before, List<PolicyEntry> after) {
        Map<String, PolicyEntry> left = index(before);
        Map<String, PolicyEntry> right = index(after);
        List<Row> rows = new ArrayList<>();
        left.forEach((key, entry) -> {
            PolicyEntry other = right.get(key);
            if (other == null) {
                rows.add(new Row(entry.rule(), entry.item(), Change.REMOVED, entry.value(), null, cite(entry), null));
            } else if (!other.value().equals(entry.value()) || !Objects.equals(cite(other), cite(entry))) {
                rows.add(new Row(entry.rule(), entry.item(), Change.CHANGED, entry.value(), other.value(), cite(entry), cite(other)));
            }
        });
        right.forEach((key, entry) -> {
            if (!left.containsKey(key)) {
                rows.add(new Row(entry.rule(), entry.item(), Change.ADDED, null, entry.value(), null, cite(entry)));
            }
        });
        return new PolicyDiff(rows);
    }

    private static Map<String, PolicyEntry> index(List<PolicyEntry> entries) {
        Map<String, PolicyEntry> map = new LinkedHashMap<>();
        entries.forEach(e -> map.putIfAbsent(e.rule() + "|" + e.item(), e));
        return map;
    }

    private static String cite(PolicyEntry entry) {
        return entry.cite() == null ? null : entry.cite().toString();
    }
}
