package cn.canbao.web.enrollment;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.canbao.enrollment.enrollment.EndReason;
import cn.canbao.enrollment.enrollment.EnrollRequest;
import cn.canbao.enrollment.enrollment.EnrollmentFlow;
import cn.canbao.enrollment.enrollment.EnrollmentListItem;
import cn.canbao.enrollment.enrollment.EnrollmentListService;
import cn.canbao.enrollment.enrollment.EnrollmentQuery;
import cn.canbao.enrollment.enrollment.EnrollmentService;
import cn.canbao.enrollment.enrollment.EnrollmentStatus;
import cn.canbao.enrollment.enrollment.RefundRequest;
import cn.canbao.enrollment.resident.Slice;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.web.security.RegionAccess;

/** Enrollments per coverage year: registration, assessment, suspension/termination, refunds, list and export. */
@RestController
@RequestMapping("/api/v1/enrollments")
@Tag(name = "enrollments", description = "参保登记、核定、暂停终止、退费 / yearly enrollment lifecycle")
class EnrollmentApiController {

    private final EnrollmentService enrollments;
    private final EnrollmentListService list;
    private final RegionAccess access;

    EnrollmentApiController(EnrollmentService enrollments, EnrollmentListService list, RegionAccess access) {
        this.enrollments = enrollments;
        this.list = list;
        this.access = access;
    }

    @GetMapping
    @Operation(summary = "Enrollment list of a year within the caller's region (ID numbers masked)",
            description = "regionCode narrows to a township or village; 403 when it is outside the caller's region")
    Slice<EnrollmentListItem> list(@RequestParam int coverageYear, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) EnrollmentStatus status, @RequestParam(required = false) EnrollmentFlow flow,
            @RequestParam(required = false) ParticipantCategory category, @RequestParam(required = false) String name,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size, HttpServletRequest request) {
        return list.page(access.actor(request), new EnrollmentQuery(coverageYear, regionCode, status, flow, category, name), page, size);
    }

    @GetMapping("/export")
    @Operation(summary = "Excel export of the list (masked ID numbers; audited)")
    void export(@RequestParam int coverageYear, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) EnrollmentStatus status, @RequestParam(required = false) EnrollmentFlow flow,
            @RequestParam(required = false) ParticipantCategory category, @RequestParam(required = false) String name,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        EnrollmentExport.write(list, access.actor(request), new EnrollmentQuery(coverageYear, regionCode, status, flow, category, name),
                response);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "参保登记: register a resident for a coverage year",
            description = "409 naming where the person is already enrolled when an active enrollment exists for the year")
    EnrollmentView enroll(@RequestBody EnrollRequest body, HttpServletRequest request) {
        return EnrollmentView.of(enrollments.enroll(access.actor(request), body));
    }

    @GetMapping("/{coverageYear}/{id}")
    @Operation(summary = "One enrollment")
    EnrollmentView get(@PathVariable int coverageYear, @PathVariable long id, HttpServletRequest request) {
        return EnrollmentView.of(enrollments.get(access.actor(request), id, coverageYear));
    }

    @GetMapping("/of-resident/{residentId}")
    @Operation(summary = "All enrollments of a resident, newest first")
    List<EnrollmentView> ofResident(@PathVariable long residentId, HttpServletRequest request) {
        return enrollments.ofResident(access.actor(request), residentId).stream().map(EnrollmentView::of).toList();
    }

    @PostMapping("/{coverageYear}/{id}/assessment")
    @Operation(summary = "核定: assess with the policy calculator (records the policy version)")
    EnrollmentView assess(@PathVariable int coverageYear, @PathVariable long id, HttpServletRequest request) {
        return EnrollmentView.of(enrollments.assess(access.actor(request), id, coverageYear));
    }

    record EndBody(EndReason reason, LocalDate date, String note) {
    }

    @PostMapping("/{coverageYear}/{id}/suspension")
    @Operation(summary = "暂停: suspend with date and reason")
    EnrollmentView suspend(@PathVariable int coverageYear, @PathVariable long id, @RequestBody EndBody body, HttpServletRequest request) {
        return EnrollmentView.of(enrollments.suspend(access.actor(request), id, coverageYear, body.reason(), body.date(), body.note()));
    }

    @PostMapping("/{coverageYear}/{id}/termination")
    @Operation(summary = "终止: terminate with date and reason")
    EnrollmentView terminate(@PathVariable int coverageYear, @PathVariable long id, @RequestBody EndBody body, HttpServletRequest request) {
        return EnrollmentView.of(enrollments.terminate(access.actor(request), id, coverageYear, body.reason(), body.date(), body.note()));
    }

    @PostMapping("/{coverageYear}/{id}/refund-requests")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "退费申请 after suspension or termination of a paid enrollment")
    RefundRequest requestRefund(@PathVariable int coverageYear, @PathVariable long id, HttpServletRequest request) {
        return enrollments.requestRefund(access.actor(request), id, coverageYear);
    }

    @PostMapping("/refund-requests/{refundId}/decision")
    @Operation(summary = "Decide a refund request or settlement item by the policy's refund rules")
    RefundRequest decide(@PathVariable long refundId, HttpServletRequest request) {
        return enrollments.decideRefund(access.actor(request), refundId);
    }

    @GetMapping("/refund-requests")
    @Operation(summary = "The refund and settlement list of a year within the caller's region")
    List<RefundRequest> refunds(@RequestParam int coverageYear, @RequestParam(required = false) String regionCode,
            @Parameter(description = "REQUESTED, APPROVED or REJECTED") @RequestParam(required = false) RefundRequest.Status status,
            HttpServletRequest request) {
        return enrollments.refundList(access.actor(request), regionCode, coverageYear, status);
    }
}
