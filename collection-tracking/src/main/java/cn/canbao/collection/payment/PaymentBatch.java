package cn.canbao.collection.payment;

import java.time.Instant;
import java.util.Optional;

import cn.canbao.region.RegionCode;

/** One import of a payment file, as listed on the imports page. */
public record PaymentBatch(long id, String fileName, String format, RegionCode region, String importedBy, Instant startedAt,
                           Optional<Instant> finishedAt, long rowsRead, long rowsInserted, long rowsAlreadyPresent, long rowsRejected) {
}
