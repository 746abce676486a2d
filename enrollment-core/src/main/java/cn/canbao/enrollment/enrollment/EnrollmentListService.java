package cn.canbao.enrollment.enrollment;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.canbao.audit.Actor;
import cn.canbao.audit.AuditEntry;
import cn.canbao.audit.AuditLog;
import cn.canbao.enrollment.common.RegionScope;
import cn.canbao.enrollment.resident.Slice;
import cn.canbao.region.RegionCode;
import cn.canbao.tabular.SpreadsheetWriter;

/** The enrollment list per township/village with filters, and its Excel export (masked ID numbers, audited). */
@Service
public class EnrollmentListService {

    public static final List<String> EXPORT_HEADERS = List.of("年度", "地区代码", "地区", "姓名", "证件号码（脱敏）", "参保类别",
            "办理方式", "状态", "核定应缴（元）", "已缴（元）", "待遇起始日");

    private final EnrollmentListRepository list;
    private final AuditLog audit;

    public EnrollmentListService(EnrollmentListRepository list, AuditLog audit) {
        this.list = list;
        this.audit = audit;
    }

    public Slice<EnrollmentListItem> page(Actor actor, EnrollmentQuery query, int page, int size) {
        RegionCode scope = RegionScope.narrow(actor, query.regionCode());
        return list.page(query, scope, Math.max(page, 0), Math.min(Math.max(size, 1), 200));
    }

    /** How many rows the list would show (for counts that link to the filtered list). */
    public long count(Actor actor, EnrollmentQuery query) {
        return list.count(query, RegionScope.narrow(actor, query.regionCode()));
    }

    /** Streams every matching row into an .xlsx; ID numbers are masked; the export is audited. */
    @Transactional(readOnly = true)
    public long exportXlsx(Actor actor, EnrollmentQuery query, OutputStream out) throws IOException {
        RegionCode scope = RegionScope.narrow(actor, query.regionCode());
        long[] count = {0};
        try (SpreadsheetWriter writer = new SpreadsheetWriter("参保名单" + query.coverageYear(), EXPORT_HEADERS)) {
            list.stream(query, scope, item -> {
                List<String> row = new ArrayList<>(EXPORT_HEADERS.size());
                row.add(Integer.toString(item.coverageYear()));
                row.add(item.regionCode());
                row.add(item.regionName());
                row.add(item.name());
                row.add(item.maskedDocumentNumber());
                row.add(item.category().chineseName());
                row.add(item.flow().chineseName());
                row.add(item.status().chineseName());
                row.add(item.personalDue() == null ? "" : item.personalDue().toString());
                row.add(item.paid() == null ? "" : item.paid().toString());
                row.add(item.coverageStart() == null ? "" : item.coverageStart().toString());
                writer.row(row);
                count[0]++;
            });
            writer.writeTo(out);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        audit.recordIndependently(actor, new AuditEntry("ENROLLMENTS_EXPORTED", "enrollment", null, scope.value(),
                cn.canbao.audit.AuditResult.SUCCESS, null, Map.of("coverageYear", query.coverageYear(), "rows", count[0],
                        "masked", true), null));
        return count[0];
    }
}
