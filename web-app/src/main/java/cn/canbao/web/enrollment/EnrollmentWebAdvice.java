package cn.canbao.web.enrollment;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import cn.canbao.enrollment.common.ConflictException;
import cn.canbao.enrollment.common.FieldProblem;
import cn.canbao.enrollment.common.InvalidRequestException;
import cn.canbao.enrollment.common.NotFoundException;
import cn.canbao.enrollment.common.RegionAccessDeniedException;

/**
 * Domain refusals of the resident, roster and enrollment pages and API: outside the user's region
 * is 403, invalid input 400 with the problems per field, a conflict 409, absent 404. Nothing is
 * changed in any of these cases (the service transaction rolled back).
 */
@ControllerAdvice(basePackages = {"cn.canbao.web.resident", "cn.canbao.web.roster", "cn.canbao.web.enrollment"})
@Order(Ordered.HIGHEST_PRECEDENCE)
class EnrollmentWebAdvice {

    @ExceptionHandler(RegionAccessDeniedException.class)
    Object denied(RegionAccessDeniedException e, HttpServletRequest request) {
        return respond(HttpStatus.FORBIDDEN, e.getMessage(), List.of(), request);
    }

    @ExceptionHandler(InvalidRequestException.class)
    Object invalid(InvalidRequestException e, HttpServletRequest request) {
        return respond(HttpStatus.BAD_REQUEST, e.getMessage(), e.problems(), request);
    }

    @ExceptionHandler(ConflictException.class)
    Object conflict(ConflictException e, HttpServletRequest request) {
        return respond(HttpStatus.CONFLICT, e.getMessage(), List.of(), request);
    }

    @ExceptionHandler(NotFoundException.class)
    Object notFound(NotFoundException e, HttpServletRequest request) {
        return respond(HttpStatus.NOT_FOUND, e.getMessage(), List.of(), request);
    }

    private static Object respond(HttpStatus status, String reason, List<FieldProblem> problems, HttpServletRequest request) {
        if (request.getRequestURI().startsWith("/api/")) {
            ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, reason);
            if (!problems.isEmpty()) {
                detail.setProperty("problems", problems.stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
            }
            return ResponseEntity.status(status).body(detail);
        }
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("reason", reason);
        return page;
    }
}
