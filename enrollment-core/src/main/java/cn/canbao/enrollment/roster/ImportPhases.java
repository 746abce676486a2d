package cn.canbao.enrollment.roster;

import java.util.Locale;

/**
 * Where the time of one import went, in nanoseconds: hashing the file, reading it (parse and
 * validate in Java while the server stores the COPY stream; {@code copyWait} is the part of it
 * the parser spent blocked on the server), then the set-based steps of the merge and the commit.
 */
record ImportPhases(long hash, long readAndStage, long copyWait, long analyse, long residents, long identities,
        long finish, long commit) {

    ImportPhases withHash(long nanos) {
        return new ImportPhases(nanos, readAndStage, copyWait, analyse, residents, identities, finish, commit);
    }

    ImportPhases withCommit(long nanos) {
        return new ImportPhases(hash, readAndStage, copyWait, analyse, residents, identities, finish, nanos);
    }

    long total() {
        return hash + readAndStage + analyse + residents + identities + finish + commit;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "hash %.2f s, read+stage %.2f s (of it blocked on COPY %.2f s), analyse %.2f s, residents %.2f s,"
                        + " identities/enrollments %.2f s, errors+status %.2f s, commit %.2f s",
                hash / 1e9, readAndStage / 1e9, copyWait / 1e9, analyse / 1e9, residents / 1e9, identities / 1e9,
                finish / 1e9, commit / 1e9);
    }
}
