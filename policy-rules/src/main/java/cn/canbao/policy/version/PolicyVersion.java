package cn.canbao.policy.version;

import java.time.Instant;

/** One stored version of one region's policy file for one coverage year (never changed once stored). */
public record PolicyVersion(long id, String regionCode, int coverageYear, int version, String fileName, String content,
                            String contentSha256, Source source, String createdBy, String createdRole, Instant createdAt,
                            String reason) {

    public enum Source {
        /** Loaded from the reviewed policy files at start. */
        FILE,
        /** Changed by an ADMIN or COUNTY_STAFF user. */
        USER
    }
}
