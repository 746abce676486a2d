package cn.canbao.enrollment.roster;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The status row of one roster file import: lines read so far while it runs, the final counts at its commit. */
public record RosterImport(
        long id,
        RosterType rosterType,
        int coverageYear,
        String regionCode,
        LocalDate sourceDate,
        String fileName,
        String fileSha256,
        long fileSize,
        Status status,
        long rowsRead,
        long rowsImported,
        long rowsRejected,
        long committedThroughLine,
        String failure,
        String importedBy,
        OffsetDateTime startedAt,
        OffsetDateTime heartbeatAt,
        OffsetDateTime finishedAt) {

    public enum Status {
        RUNNING,
        COMPLETED,
        FAILED
    }

    /** Share of the file's bytes behind the last committed line is unknown for xlsx; rows are the honest measure. */
    public boolean finished() {
        return status != Status.RUNNING;
    }
}
