package cn.canbao.enrollment.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.canbao.enrollment.common.ConflictException;
import cn.canbao.enrollment.resident.Resident;
import cn.canbao.enrollment.resident.ResidentForm;
import cn.canbao.enrollment.resident.ResidentService;
import cn.canbao.enrollment.support.EnrollmentTestConfiguration;
import cn.canbao.enrollment.support.TestPeople;

/**
 * Twenty workers register and enroll the same 250 people at the same moment, every worker every
 * person: 5,000 registrations and 5,000 enrollments. Each person ends with exactly one resident row
 * and one enrollment, every attempt that lost the race got a conflict naming the reason (never
 * another error), and the audit log has one registration per person.
 */
@SpringBootTest(classes = EnrollmentTestConfiguration.class)
class ConcurrentRegistrationFaultTest {

    private static final int WORKERS = 20;
    private static final int PEOPLE = 250;

    @Autowired
    ResidentService residents;
    @Autowired
    EnrollmentService enrollments;
    @Autowired
    JdbcClient jdbc;

    private static String chineseDigits(int n) {
        StringBuilder name = new StringBuilder();
        for (char digit : Integer.toString(n).toCharArray()) {
            name.append("零一二三四五六七八九".charAt(digit - '0'));
        }
        return name.toString();
    }

    @Test
    void manyWorkersRegisteringAndEnrollingTheSamePeopleLoseNothingAndDuplicateNothing() throws Exception {
        List<ResidentForm> forms = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            forms.add(TestPeople.adult("并发" + chineseDigits(i), i % 2 == 0 ? TestPeople.YINFENG : TestPeople.WANGHUAI));
        }
        List<String> documents = forms.stream().map(ResidentForm::documentNumber).toList();
        Map<String, Long> registered = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> registrationWins = new ConcurrentHashMap<>();
        Map<Long, AtomicInteger> enrollmentWins = new ConcurrentHashMap<>();
        Queue<String> conflicts = new ConcurrentLinkedQueue<>();
        AtomicInteger operations = new AtomicInteger();
        CyclicBarrier together = new CyclicBarrier(WORKERS);

        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            workers.add(pool.submit(() -> {
                together.await();
                // Every worker starts at a different person so the races are spread over all of them.
                for (int k = 0; k < PEOPLE; k++) {
                    ResidentForm form = forms.get((k + worker * 13) % PEOPLE);
                    operations.incrementAndGet();
                    try {
                        Resident resident = residents.register(TestPeople.COUNTY_STAFF, form);
                        registered.put(form.documentNumber(), resident.id());
                        registrationWins.computeIfAbsent(form.documentNumber(), d -> new AtomicInteger()).incrementAndGet();
                    } catch (ConflictException e) {
                        conflicts.add(e.getMessage());
                    }
                }
                together.await();
                for (int k = 0; k < PEOPLE; k++) {
                    ResidentForm form = forms.get((k + worker * 17) % PEOPLE);
                    long residentId = registered.get(form.documentNumber());
                    operations.incrementAndGet();
                    String township = worker % 2 == 0 ? TestPeople.YINFENG : TestPeople.WANGHUAI;
                    try {
                        enrollments.enroll(TestPeople.COUNTY_STAFF, new EnrollRequest(residentId, 2025, null, township, null));
                        enrollmentWins.computeIfAbsent(residentId, id -> new AtomicInteger()).incrementAndGet();
                    } catch (ConflictException e) {
                        conflicts.add(e.getMessage());
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(operations.get()).isEqualTo(2 * WORKERS * PEOPLE).isGreaterThanOrEqualTo(10_000);
        assertThat(registrationWins).hasSize(PEOPLE).allSatisfy((document, wins) -> assertThat(wins.get()).isEqualTo(1));
        assertThat(enrollmentWins).hasSize(PEOPLE).allSatisfy((id, wins) -> assertThat(wins.get()).isEqualTo(1));
        assertThat(conflicts).hasSize(2 * WORKERS * PEOPLE - 2 * PEOPLE)
                .allSatisfy(message -> assertThat(message).containsAnyOf("请勿重复登记", "刚被他人登记", "不能重复参保"));
        String[] documentArray = documents.toArray(String[]::new);
        assertThat(jdbc.sql("SELECT count(*) FROM resident WHERE document_number = ANY (:docs)").param("docs", documentArray)
                .query(Long.class).single()).isEqualTo(PEOPLE);
        Long[] ids = registered.values().toArray(Long[]::new);
        assertThat(jdbc.sql("SELECT count(*), count(DISTINCT resident_id) FROM enrollment WHERE coverage_year = 2025 AND resident_id = ANY (:ids)")
                .param("ids", ids).query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2))).single()).containsExactly((long) PEOPLE, (long) PEOPLE);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'RESIDENT_REGISTERED' AND entity_id = ANY (:ids)")
                .param("ids", registered.values().stream().map(String::valueOf).toArray(String[]::new)).query(Long.class).single())
                .isEqualTo(PEOPLE);
    }
}
