package cn.canbao.web.config;

import java.sql.SQLException;

import jakarta.servlet.http.HttpServletRequest;

import org.hibernate.TransactionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import cn.canbao.region.UnknownRegionException;

/**
 * Malformed input (a region code with letters, an amount with three decimals) is the caller's
 * mistake: 400 with the reason, as a problem detail for the API and the error page for people.
 * A lost database is 503 with "nothing was saved". Access refusals are not handled here: Spring Security turns
 * them into 403.
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

    /**
     * The database went away in the middle of a request (connection lost, server restarting): the transaction was
     * rolled back, so the answer says that nothing was saved and the same request can simply be sent again.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
            TransactionSystemException.class})
    Object databaseUnavailable(Exception e, HttpServletRequest request) {
        return respond(HttpStatus.SERVICE_UNAVAILABLE, "数据库连接中断，本次操作没有保存，请稍后重试。", request);
    }

    /**
     * A connection lost mid-transaction often surfaces as the failed rollback that followed (wrapped by JPA):
     * nothing was committed then either. A failed commit is not treated so, since it may have reached the database.
     */
    @ExceptionHandler(JpaSystemException.class)
    Object jpaFailure(JpaSystemException e, HttpServletRequest request) throws JpaSystemException {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            boolean connectionGone = cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57"));
            boolean rollbackFailed = cause instanceof TransactionException && String.valueOf(cause.getMessage()).startsWith("Unable to rollback");
            if (connectionGone || rollbackFailed) {
                return databaseUnavailable(e, request);
            }
        }
        throw e;
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
