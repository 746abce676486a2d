package cn.canbao.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** The request log (docs/operations.md): one event per request, written off the request thread, none dropped. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("demo")
@ExtendWith(OutputCaptureExtension.class)
class RequestLogTest {

    @Autowired
    MockMvc mvc;

    @Test
    void everyApiRequestReachesTheConsoleThroughTheBackgroundAppender(CapturedOutput output) throws Exception {
        Logger requests = (Logger) LoggerFactory.getLogger(RequestLoggingFilter.LOGGER_NAME);
        assertThat(requests.isAdditive()).as("events go only through the background appenders").isFalse();
        assertThat(requests.getAppender(AsyncRequestLog.APPENDER_PREFIX + "CONSOLE")).isInstanceOf(AsyncAppender.class);

        mvc.perform(get("/api/v1/residents/households/987654321").with(httpBasic("huaiyuan.staff", "Canbao@2025")))
                .andExpect(status().isNotFound());

        waitFor(() -> output.getOut().contains("GET /api/v1/residents/households/987654321 404"));
        assertThat(output.getOut()).contains("GET /api/v1/residents/households/987654321 404");
    }

    @Test
    void aBurstOfRequestsLosesNoEventWhenTheQueueFillsIsWrittenOnAnotherThreadAndFlushedAtShutdown() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        SlowCapture capture = new SlowCapture();
        capture.setContext(context);
        capture.setName("CONSOLE");
        capture.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(capture);
        AsyncRequestLog.install(context);
        AsyncRequestLog.install(context);
        Logger requests = context.getLogger(RequestLoggingFilter.LOGGER_NAME);
        List<Object> appenders = new ArrayList<>();
        requests.iteratorForAppenders().forEachRemaining(appenders::add);
        assertThat(appenders).as("a second application context adds no second appender").hasSize(1)
                .allMatch(AsyncAppender.class::isInstance);

        int events = 20_000;
        for (int i = 0; i < events; i++) {
            requests.atInfo().addKeyValue("status", 201).log("POST /api/v1/residents {}", i);
        }
        AsyncRequestLog.uninstall(context);
        assertThat(requests.isAdditive()).as("one of two contexts stopped: still through the background appender").isFalse();
        AsyncRequestLog.uninstall(context);

        assertThat(capture.events).hasSize(events);
        assertThat(capture.events.get(events - 1).getKeyValuePairs()).anyMatch(kv -> kv.key.equals("status") && kv.value.equals(201));
        assertThat(capture.threads).doesNotContain(Thread.currentThread().getName());
    }

    /** Holds the first event long enough for the 8,192-event queue to fill behind it. */
    static class SlowCapture extends AppenderBase<ILoggingEvent> {
        final List<ILoggingEvent> events = Collections.synchronizedList(new ArrayList<>());
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        @Override
        protected void append(ILoggingEvent event) {
            if (events.isEmpty()) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            events.add(event);
            threads.add(Thread.currentThread().getName());
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
    }
}
