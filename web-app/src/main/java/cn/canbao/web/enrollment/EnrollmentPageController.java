package cn.canbao.web.enrollment;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.canbao.audit.Actor;
import cn.canbao.enrollment.enrollment.EnrollmentFlow;
import cn.canbao.enrollment.enrollment.EnrollmentListService;
import cn.canbao.enrollment.enrollment.EnrollmentQuery;
import cn.canbao.enrollment.enrollment.EnrollmentStatus;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.web.security.RegionAccess;

/** The enrollment list per township and village with filters and Excel export. */
@Controller
class EnrollmentPageController {

    private final EnrollmentListService list;
    private final RegionAccess access;
    private final Clock clock;

    EnrollmentPageController(EnrollmentListService list, RegionAccess access, Clock clock) {
        this.list = list;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("/enrollments")
    String list(@RequestParam(required = false) Integer coverageYear, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) EnrollmentStatus status, @RequestParam(required = false) EnrollmentFlow flow,
            @RequestParam(required = false) ParticipantCategory category, @RequestParam(required = false) String name,
            @RequestParam(defaultValue = "0") int page, HttpServletRequest request, Model model) {
        Actor actor = access.actor(request);
        int year = coverageYear != null ? coverageYear : LocalDate.now(clock).getYear() + 1;
        EnrollmentQuery query = new EnrollmentQuery(year, blank(regionCode), status, flow, category, blank(name));
        model.addAttribute("query", query);
        model.addAttribute("slice", list.page(actor, query, page, 50));
        model.addAttribute("statuses", EnrollmentStatus.values());
        model.addAttribute("flows", EnrollmentFlow.values());
        model.addAttribute("categories", ParticipantCategory.values());
        model.addAttribute("scope", actor.region().value());
        return "enrollment/list";
    }

    @GetMapping("/enrollments/export")
    void export(@RequestParam int coverageYear, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) EnrollmentStatus status, @RequestParam(required = false) EnrollmentFlow flow,
            @RequestParam(required = false) ParticipantCategory category, @RequestParam(required = false) String name,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        EnrollmentExport.write(list, access.actor(request),
                new EnrollmentQuery(coverageYear, blank(regionCode), status, flow, category, blank(name)), response);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
