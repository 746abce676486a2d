package cn.canbao.web.security;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The request log ({@link RequestLoggingFilter}, one event per request) goes through an {@link AsyncAppender} in front
 * of the appenders Spring Boot gave the root logger (console, plain or structured, and a file if one is set), so a
 * request thread only queues its event; formatting and the write to stdout happen on one background thread. Under
 * load every request wrote to the same console stream, a lock all request threads queued on, and inside a test JVM that
 * stream is Surefire's pipe (docs/performance.md, registration API). No event is dropped: a full queue makes requests
 * wait, as the direct write did. When the application stops (after the web server), the queue is written out while the
 * console appender still runs; Logback's own shutdown would stop the console first and lose what is queued.
 */
@Component
class AsyncRequestLog implements InitializingBean, DisposableBean {

    static final String APPENDER_PREFIX = "CANBAO_REQUEST_ASYNC_";
    private static final int QUEUE_SIZE = 8192;

    @Override
    public void afterPropertiesSet() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            install(context);
        }
    }

    @Override
    public void destroy() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            uninstall(context);
        }
    }

    /**
     * The first application context of a logging configuration installs the appenders; a context started later in the
     * same JVM (tests keep several) counts itself in, and the last one to stop takes them out.
     */
    static synchronized void install(LoggerContext context) {
        int users = users(context).getAndIncrement();
        Logger requests = context.getLogger(RequestLoggingFilter.LOGGER_NAME);
        List<Appender<ILoggingEvent>> targets = new ArrayList<>();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(targets::add);
        if (users > 0 || !requests.isAdditive() || targets.isEmpty()) {
            return;
        }
        // An AsyncAppender feeds exactly one appender: one per target, each with its own queue and thread.
        for (Appender<ILoggingEvent> target : targets) {
            AsyncAppender async = new AsyncAppender();
            async.setContext(context);
            async.setName(APPENDER_PREFIX + target.getName());
            async.setQueueSize(QUEUE_SIZE);
            // The default drops INFO events when the queue is 80% full; the request log keeps every request.
            async.setDiscardingThreshold(0);
            async.setNeverBlock(false);
            async.addAppender(target);
            async.start();
            requests.addAppender(async);
        }
        requests.setAdditive(false);
    }

    /** Writes out the queued events, then the request logger writes directly again. */
    static synchronized void uninstall(LoggerContext context) {
        if (users(context).decrementAndGet() > 0) {
            return;
        }
        Logger requests = context.getLogger(RequestLoggingFilter.LOGGER_NAME);
        List<Appender<ILoggingEvent>> installed = new ArrayList<>();
        requests.iteratorForAppenders().forEachRemaining(appender -> {
            if (appender.getName() != null && appender.getName().startsWith(APPENDER_PREFIX)) {
                installed.add(appender);
            }
        });
        if (installed.isEmpty()) {
            return;
        }
        requests.setAdditive(true);
        for (Appender<ILoggingEvent> appender : installed) {
            requests.detachAppender(appender);
            appender.stop();
        }
    }

    private static AtomicInteger users(LoggerContext context) {
        Object users = context.getObject(APPENDER_PREFIX);
        if (users == null) {
            users = new AtomicInteger();
            context.putObject(APPENDER_PREFIX, users);
        }
        return (AtomicInteger) users;
    }
}
