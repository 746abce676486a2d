package cn.canbao.policy.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.canbao.policy.FamilyRole;
import cn.canbao.policy.Identity;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.policy.assessment.AssessmentCalculator;
import cn.canbao.policy.assessment.AssessmentRequest;
import cn.canbao.policy.assessment.Person;
import cn.canbao.policy.effective.EffectivePolicy;
import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.region.RegionCode;

/** Prints single-thread assessments per second on generated people (run with ./mvnw -Pbenchmark). */
@Tag("benchmark")
class AssessmentThroughputBenchmark {

    @Test
    void printsAssessmentsPerSecond() {
        PolicyCatalog catalog = PolicyCatalog.fromClasspath();
        EffectivePolicy huaiyuan = catalog.effective(RegionCode.of("340321"), 2025).orElseThrow();
        EffectivePolicy hailar = catalog.effective(RegionCode.of("150702"), 2025).orElseThrow();
        Random random = new Random(42);
        Identity[] identities = Identity.values();
        ParticipantCategory[] categories = {ParticipantCategory.RESIDENT, ParticipantCategory.STUDENT, ParticipantCategory.MIGRANT_WORKER,
                ParticipantCategory.NEWBORN, ParticipantCategory.PRESCHOOL_CHILD};
        List<AssessmentRequest> requests = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            EnumSet<Identity> held = EnumSet.noneOf(Identity.class);
            if (random.nextInt(5) == 0) {
                held.add(identities[random.nextInt(identities.length)]);
            }
            if (random.nextInt(20) == 0) {
                held.add(identities[random.nextInt(identities.length)]);
            }
            ParticipantCategory category = categories[random.nextInt(categories.length)];
            LocalDate birth = category == ParticipantCategory.NEWBORN ? LocalDate.of(2025, 1, 1).plusDays(random.nextInt(200))
                    : LocalDate.of(1940, 1, 1).plusDays(random.nextInt(30_000));
            Person person = Person.of(birth, category).withIdentities(held)
                    .withFamilyRole(FamilyRole.values()[random.nextInt(FamilyRole.values().length)]);
            LocalDate paid = category == ParticipantCategory.NEWBORN ? birth.plusDays(random.nextInt(150))
                    : LocalDate.of(2024, 9, 1).plusDays(random.nextInt(150));
            requests.add(AssessmentRequest.paidOn(person, paid));
        }
        for (int warmup = 0; warmup < 2; warmup++) {
            run(requests, huaiyuan, hailar);
        }
        long start = System.nanoTime();
        long accepted = run(requests, huaiyuan, hailar);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Assessed %,d enrollments in %.3f s: %,.0f per second on one thread (%,d accepted)%n",
                requests.size(), seconds, requests.size() / seconds, accepted);
        assertThat(accepted).isPositive();
    }

    private static long run(List<AssessmentRequest> requests, EffectivePolicy a, EffectivePolicy b) {
        long accepted = 0;
        for (int i = 0; i < requests.size(); i++) {
            if (AssessmentCalculator.assess((i & 1) == 0 ? a : b, requests.get(i)).accepted()) {
                accepted++;
            }
        }
        return accepted;
    }
}
