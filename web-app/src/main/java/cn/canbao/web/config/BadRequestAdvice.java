package cn.canbao.web.config;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import cn.canbao.region.UnknownRegionException;

/**
 * Malformed input (a region code with letters, an amount with three decimals) is the caller's
 * mistake: 400 with the reason, as a problem detail for the API and the error page for people.
 * Access refusals are not handled here: Spring Security turns them into 403.
 */
@ControllerAdvice
class BadRequestAdvice {

    @ExceptionHandler(IllegalArgumentException.class)
    Object badRequest(IllegalArgumentException e, HttpServletRequest request) {
        return respond(HttpStatus.BAD_REQUEST, e.getMessage(), request);
    }

    @ExceptionHandler(UnknownRegionException.class)
    Object notFound(UnknownRegionException e, HttpServletRequest request) {
        return respond(HttpStatus.NOT_FOUND, e.getMessage(), request);
    }

    static Object respond(HttpStatus status, String reason, HttpServletRequest request) {
        if (request.getRequestURI().startsWith("/api/")) {
            return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, reason));
        }
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("reason", reason);
        return page;
    }
}
