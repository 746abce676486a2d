package cn.canbao.enrollment.roster;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.canbao.region.RegionCode;
import cn.canbao.tabular.RowRejection;

@Repository
public class RosterImportRepository {

    static final RowMapper<RosterImport> MAPPER = (rs, n) -> new RosterImport(rs.getLong("id"),
            RosterType.valueOf(rs.getString("roster_type")), rs.getInt("coverage_year"), rs.getString("region_code"),
            rs.getObject("source_date", LocalDate.class), rs.getString("file_name"), rs.getString("file_sha256"),
            rs.getLong("file_size"), RosterImport.Status.valueOf(rs.getString("status")), rs.getLong("rows_read"),
            rs.getLong("rows_imported"), rs.getLong("rows_rejected"),
            rs.getLong("committed_through_line"), rs.getString("failure"), rs.getString("imported_by"),
            rs.getObject("started_at", OffsetDateTime.class), rs.getObject("heartbeat_at", OffsetDateTime.class),
            rs.getObject("finished_at", OffsetDateTime.class));

    private final JdbcClient jdbc;

    public RosterImportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<RosterImport> find(long id) {
        return jdbc.sql("SELECT * FROM roster_import WHERE id = :id").param("id", id).query(MAPPER).optional();
    }

    public Optional<RosterImport> findSameFile(String sha256, RosterType type, int year) {
        return jdbc.sql("SELECT * FROM roster_import WHERE file_sha256 = :sha AND roster_type = :type AND coverage_year = :year")
                .param("sha", sha256).param("type", type.name()).param("year", year).query(MAPPER).optional();
    }

    /** Inserts the status row; empty when a concurrent submission of the same file won the race. */
    public Optional<Long> insert(RosterImportRequest request, String regionCode, String sha256, long size, String importedBy) {
        return jdbc.sql("""
                INSERT INTO roster_import (roster_type, coverage_year, region_code, source_date, file_name, file_sha256,
                    file_size, status, imported_by)
                VALUES (:type, :year, :region, :sourceDate, :fileName, :sha, :size, 'RUNNING', :by)
                ON CONFLICT ON CONSTRAINT roster_import_same_file_once DO NOTHING
                RETURNING id
                """)
                .param("type", request.rosterType().name()).param("year", request.coverageYear()).param("region", regionCode)
                .param("sourceDate", request.sourceDate()).param("fileName", request.fileName()).param("sha", sha256)
                .param("size", size).param("by", importedBy)
                .query(Long.class).optional();
    }

    /** Claims a failed or stalled import for resumption; false if it is still alive or done. */
    public boolean claimForResume(long id, String by) {
        return jdbc.sql("""
                UPDATE roster_import SET status = 'RUNNING', failure = NULL, heartbeat_at = now(), imported_by = :by
                WHERE id = :id AND (status = 'FAILED' OR (status = 'RUNNING' AND heartbeat_at < now() - interval '2 minutes'))
                """).param("id", id).param("by", by).update() == 1;
    }

    /** Lines read so far by a running import, and its heartbeat; a finished import is left as it is. */
    public void reading(long id, long read, long rejected) {
        jdbc.sql("""
                UPDATE roster_import SET rows_read = :read, rows_rejected = :rejected, heartbeat_at = now()
                WHERE id = :id AND status = 'RUNNING'
                """)
                .param("read", read).param("rejected", rejected).param("id", id).update();
    }

    public void finish(long id, RosterImport.Status status, String failure) {
        jdbc.sql("UPDATE roster_import SET status = :status, failure = :failure, finished_at = now(), heartbeat_at = now() WHERE id = :id")
                .param("status", status.name()).param("failure", failure == null ? null : failure.substring(0, Math.min(failure.length(), 2000)),
                        java.sql.Types.VARCHAR)
                .param("id", id).update();
    }

    public List<RosterImport> recent(RegionCode scope, int limit) {
        return jdbc.sql("SELECT * FROM roster_import WHERE region_code LIKE :scope ORDER BY started_at DESC LIMIT :limit")
                .param("scope", scope.likePattern()).param("limit", limit).query(MAPPER).list();
    }

    /** Imports of the year at or below the region that someone has to look at: rows rejected, or the import failed. */
    public long countToCheck(RegionCode scope, int coverageYear) {
        return jdbc.sql("""
                SELECT count(*) FROM roster_import WHERE region_code LIKE :scope AND coverage_year = :year
                    AND (rows_rejected > 0 OR status = 'FAILED')
                """).param("scope", scope.likePattern()).param("year", coverageYear).query(Long.class).single();
    }

    public List<RowRejection> rejections(long importId, int limit) {
        return jdbc.sql("SELECT line, field, reason FROM roster_import_error WHERE roster_import_id = :id ORDER BY line LIMIT :limit")
                .param("id", importId).param("limit", limit)
                .query((rs, n) -> new RowRejection(rs.getLong("line"), rs.getString("field"), rs.getString("reason"))).list();
    }

    /** The codes of every township and village at or below the region (a county has a few hundred). */
    public Set<String> regionsWithin(RegionCode scope) {
        return new HashSet<>(jdbc.sql("SELECT code FROM region WHERE code LIKE :scope AND length(code) = 12")
                .param("scope", scope.likePattern()).query(String.class).list());
    }
}
