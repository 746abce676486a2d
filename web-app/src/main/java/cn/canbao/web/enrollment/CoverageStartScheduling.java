package cn.canbao.web.enrollment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import cn.canbao.audit.Actor;
import cn.canbao.enrollment.enrollment.EnrollmentService;
import cn.canbao.region.Region;
import cn.canbao.region.RegionDirectory;

/**
 * Every night, paid enrollments whose coverage has begun (待遇享受期开始) become 享受待遇 (COVERED), one province
 * at a time so each audit row names the region it changed. Running it twice changes nothing the second time.
 */
@Configuration
@EnableScheduling
class CoverageStartScheduling {

    private static final Logger log = LoggerFactory.getLogger(CoverageStartScheduling.class);

    private final EnrollmentService enrollments;
    private final RegionDirectory regions;

    CoverageStartScheduling(EnrollmentService enrollments, RegionDirectory regions) {
        this.enrollments = enrollments;
        this.regions = regions;
    }

    @Scheduled(cron = "${canbao.enrollment.coverage-start-cron:0 5 0 * * *}", zone = "Asia/Shanghai")
    int startDueCoverage() {
        int moved = 0;
        for (Region province : regions.roots()) {
            try {
                moved += enrollments.startDueCoverage(Actor.system("coverage-start", province.code()));
            } catch (RuntimeException e) {
                // one province's failure (its transaction rolled back) must not keep the others waiting a day
                log.error("coverage start failed for {}", province.code(), e);
            }
        }
        log.info("coverage started for {} paid enrollments", moved);
        return moved;
    }
}
