package cn.canbao.web.enrollment;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import cn.canbao.audit.Actor;
import cn.canbao.enrollment.enrollment.EnrollmentListService;
import cn.canbao.enrollment.enrollment.EnrollmentQuery;
import cn.canbao.enrollment.common.RegionScope;

/** Writes the enrollment export as an .xlsx download; the region is checked before any byte is sent. */
final class EnrollmentExport {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private EnrollmentExport() {
    }

    static void write(EnrollmentListService list, Actor actor, EnrollmentQuery query, HttpServletResponse response) throws IOException {
        RegionScope.narrow(actor, query.regionCode());
        response.setContentType(XLSX);
        String file = URLEncoder.encode("参保名单-" + query.coverageYear() + ".xlsx", StandardCharsets.UTF_8).replace("+", "%20");
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''" + file);
        list.exportXlsx(actor, query, response.getOutputStream());
    }
}
