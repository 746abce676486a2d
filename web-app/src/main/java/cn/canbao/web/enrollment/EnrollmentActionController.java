package cn.canbao.web.enrollment;

import java.time.Clock;
import java.time.LocalDate;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.canbao.audit.Actor;
import cn.canbao.enrollment.common.ConflictException;
import cn.canbao.enrollment.common.FieldProblem;
import cn.canbao.enrollment.common.InvalidRequestException;
import cn.canbao.enrollment.enrollment.EndReason;
import cn.canbao.enrollment.enrollment.Enrollment;
import cn.canbao.enrollment.enrollment.EnrollmentService;
import cn.canbao.enrollment.enrollment.RefundRequest;
import cn.canbao.web.security.RegionAccess;

/**
 * The enrollment page and its actions in the browser: 核定 (assess), 暂停 and 终止 with date and reason, 退费申请,
 * and the refund worklist where requests are decided by the policy's refund rules. Each action is the same service
 * call as the API; a refused action changes nothing and comes back as a message (field problems next to the form).
 */
@Controller
class EnrollmentActionController {

    private final EnrollmentService enrollments;
    private final RegionAccess access;
    private final Clock clock;

    EnrollmentActionController(EnrollmentService enrollments, RegionAccess access, Clock clock) {
        this.enrollments = enrollments;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("/enrollments/{coverageYear}/{id}")
    String view(@PathVariable int coverageYear, @PathVariable long id, HttpServletRequest request, Model model) {
        Actor actor = access.actor(request);
        Enrollment enrollment = enrollments.get(actor, id, coverageYear);
        model.addAttribute("enrollment", EnrollmentView.of(enrollment));
        model.addAttribute("refunds", enrollments.refundsOf(actor, id, coverageYear));
        model.addAttribute("reasons", EndReason.values());
        model.addAttribute("today", LocalDate.now(clock));
        return "enrollment/view";
    }

    @PostMapping("/enrollments/{coverageYear}/{id}/assessment")
    String assess(@PathVariable int coverageYear, @PathVariable long id, HttpServletRequest request, RedirectAttributes redirect) {
        return act(coverageYear, id, redirect, "enrollment.done.assessed",
                () -> enrollments.assess(access.actor(request), id, coverageYear));
    }

    @PostMapping("/enrollments/{coverageYear}/{id}/end")
    String end(@PathVariable int coverageYear, @PathVariable long id, @RequestParam String kind,
            @RequestParam(required = false) EndReason reason,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) String note, HttpServletRequest request, RedirectAttributes redirect) {
        boolean terminate = "TERMINATED".equals(kind);
        return act(coverageYear, id, redirect, terminate ? "enrollment.done.terminated" : "enrollment.done.suspended", () -> {
            if (!terminate && !"SUSPENDED".equals(kind)) {
                throw InvalidRequestException.of("kind", "请选择暂停或终止");
            }
            Actor actor = access.actor(request);
            if (terminate) {
                enrollments.terminate(actor, id, coverageYear, reason, date, note);
            } else {
                enrollments.suspend(actor, id, coverageYear, reason, date, note);
            }
        });
    }

    @PostMapping("/enrollments/{coverageYear}/{id}/refund-requests")
    String requestRefund(@PathVariable int coverageYear, @PathVariable long id, HttpServletRequest request,
            RedirectAttributes redirect) {
        return act(coverageYear, id, redirect, "enrollment.done.refundRequested",
                () -> enrollments.requestRefund(access.actor(request), id, coverageYear));
    }

    @GetMapping("/enrollments/refunds")
    String refunds(@RequestParam(required = false) Integer coverageYear, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) RefundRequest.Status status, HttpServletRequest request, Model model) {
        Actor actor = access.actor(request);
        int year = coverageYear != null ? coverageYear : LocalDate.now(clock).getYear() + 1;
        String region = regionCode == null || regionCode.isBlank() ? null : regionCode.strip();
        model.addAttribute("coverageYear", year);
        model.addAttribute("regionCode", region);
        model.addAttribute("status", status);
        model.addAttribute("statuses", RefundRequest.Status.values());
        model.addAttribute("refunds", enrollments.refundList(actor, region, year, status));
        return "enrollment/refunds";
    }

    @PostMapping("/enrollments/refunds/{refundId}/decision")
    String decide(@PathVariable long refundId, @RequestParam int coverageYear, HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            RefundRequest decided = enrollments.decideRefund(access.actor(request), refundId);
            redirect.addFlashAttribute("done", "enrollment.done.refundDecided." + decided.status());
            redirect.addFlashAttribute("doneReason", decided.decisionReason());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("actionError", e.getMessage());
        }
        return "redirect:/enrollments/refunds?coverageYear=" + coverageYear;
    }

    private String act(int coverageYear, long id, RedirectAttributes redirect, String doneKey, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("done", doneKey);
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("fieldErrors",
                    e.problems().stream().collect(Collectors.toMap(FieldProblem::field, FieldProblem::message, (a, b) -> a)));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("actionError", e.getMessage());
        }
        return "redirect:/enrollments/" + coverageYear + "/" + id;
    }
}
