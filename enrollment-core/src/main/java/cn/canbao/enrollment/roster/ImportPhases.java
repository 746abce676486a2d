package cn.canbao.enrollment.roster;

import java.util.Locale;

/**
 * Where the time of one import went, in nanoseconds: hashing the file, reading it (parse and
 * validate in Java while the server stores the COPY stream; {@code copyWait} is the part of it
 * the parser spent blocked on the server), the work after the load ({@code index}: building the
 * import's person-key index, or analysing the staging table of a registering roster; {@code merge}:
 * attaching the import's table as a partition, or inserting residents and enrollments), the error
 * report and status row, and the commit.
 */
record ImportPhases(long hash, long readAndLoad, long copyWait, long index, long merge, long finish, long commit) {

    ImportPhases withHash(long nanos) {
        return new ImportPhases(nanos, readAndLoad, copyWait, index, merge, finish, commit);
    }

    ImportPhases withCommit(long nanos) {
        return new ImportPhases(hash, readAndLoad, copyWait, index, merge, finish, nanos);
    }

    long total() {
        return hash + readAndLoad + index + merge + finish + commit;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "hash %.2f s, read+load %.2f s (of it blocked on COPY %.2f s), index/analyse %.2f s, attach/merge %.2f s,"
                        + " errors+status %.2f s, commit %.2f s",
                hash / 1e9, readAndLoad / 1e9, copyWait / 1e9, index / 1e9, merge / 1e9, finish / 1e9, commit / 1e9);
    }
}
