package cn.canbao.web.collection;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import cn.canbao.collection.snapshot.SnapshotService;

/**
 * Takes the progress snapshots due for yesterday every night (weekly villages and townships,
 * every two weeks counties; the service decides which are due), for both coverage years a date
 * can belong to. Taking them twice changes nothing.
 */
@Configuration
@EnableScheduling
class CollectionScheduling {

    private static final Logger log = LoggerFactory.getLogger(CollectionScheduling.class);

    private final SnapshotService snapshots;
    private final CollectionYear year;

    CollectionScheduling(SnapshotService snapshots, CollectionYear year) {
        this.snapshots = snapshots;
        this.year = year;
    }

    @Scheduled(cron = "${canbao.collection.snapshot-cron:0 30 0 * * *}", zone = "Asia/Shanghai")
    void takeSnapshots() {
        LocalDate yesterday = year.today().minusDays(1);
        int added = snapshots.takeDue(yesterday.getYear(), yesterday) + snapshots.takeDue(yesterday.getYear() + 1, yesterday);
        log.info("progress snapshots for {}: {} rows kept", yesterday, added);
    }
}
