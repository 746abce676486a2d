package cn.canbao.policy.version;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/** SQL access to {@code policy_version} and {@code policy_effective_version}; inserts only, never updates. */
public class PolicyVersionRepository {

    private static final String COLUMNS = "id, region_code, coverage_year, version, file_name, content, content_sha256, source, "
            + "created_by, created_role, created_at, reason";

    private final JdbcClient jdbc;

    public PolicyVersionRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** The newest version of every region and year. */
    public List<PolicyVersion> latestVersions() {
        return jdbc.sql("SELECT DISTINCT ON (region_code, coverage_year) " + COLUMNS
                        + " FROM policy_version ORDER BY region_code, coverage_year, version DESC")
                .query(PolicyVersionRepository::map).list();
    }

    public Optional<PolicyVersion> latest(String regionCode, int coverageYear) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM policy_version WHERE region_code = ? AND coverage_year = ? ORDER BY version DESC LIMIT 1")
                .params(regionCode, coverageYear).query(PolicyVersionRepository::map).optional();
    }

    public Optional<PolicyVersion> latestFromFile(String regionCode, int coverageYear) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM policy_version WHERE region_code = ? AND coverage_year = ? AND source = 'FILE' "
                        + "ORDER BY version DESC LIMIT 1")
                .params(regionCode, coverageYear).query(PolicyVersionRepository::map).optional();
    }

    public Optional<PolicyVersion> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM policy_version WHERE id = ?").param(id).query(PolicyVersionRepository::map).optional();
    }

    /** Every version of one region and year, newest first. */
    public List<PolicyVersion> history(String regionCode, int coverageYear) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM policy_version WHERE region_code = ? AND coverage_year = ? ORDER BY version DESC")
                .params(regionCode, coverageYear).query(PolicyVersionRepository::map).list();
    }

    /** Inserts the next version number for the region and year; a concurrent insert of the same number fails. */
    public PolicyVersion insertNext(String regionCode, int coverageYear, String fileName, String content, String sha256,
                                    PolicyVersion.Source source, String createdBy, String createdRole, String reason) {
        long id = jdbc.sql("""
                        INSERT INTO policy_version (region_code, coverage_year, version, file_name, content, content_sha256,
                                                    source, created_by, created_role, reason)
                        VALUES (:region, :year,
                                (SELECT coalesce(max(version), 0) + 1 FROM policy_version WHERE region_code = :region AND coverage_year = :year),
                                :file, :content, :sha, :source, :by, :role, :reason)
                        RETURNING id""")
                .param("region", regionCode).param("year", coverageYear).param("file", fileName).param("content", content)
                .param("sha", sha256).param("source", source.name()).param("by", createdBy).param("role", createdRole)
                .param("reason", reason)
                .query(Long.class).single();
        return findById(id).orElseThrow();
    }

    /** The id of the effective-version row for this combination of file versions, created on first use. */
    public long effectiveVersionId(String regionCode, int coverageYear, List<Long> sourceVersionIds) {
        Long[] ids = sourceVersionIds.toArray(Long[]::new);
        jdbc.sql("INSERT INTO policy_effective_version (region_code, coverage_year, source_version_ids) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(regionCode, coverageYear, ids).update();
        return jdbc.sql("SELECT id FROM policy_effective_version WHERE region_code = ? AND coverage_year = ? AND source_version_ids = ?")
                .params(regionCode, coverageYear, ids).query(Long.class).single();
    }

    /** The file versions an effective version was built from, nearest first. */
    public List<Long> sourceVersionIds(long effectiveVersionId) {
        return jdbc.sql("SELECT source_version_ids FROM policy_effective_version WHERE id = ?").param(effectiveVersionId)
                .query((rs, n) -> longs(rs.getArray(1))).optional().orElse(List.of());
    }

    private static List<Long> longs(Array array) throws SQLException {
        return List.of((Long[]) array.getArray());
    }

    private static PolicyVersion map(ResultSet rs, int row) throws SQLException {
        return new PolicyVersion(rs.getLong("id"), rs.getString("region_code"), rs.getInt("coverage_year"), rs.getInt("version"),
                rs.getString("file_name"), rs.getString("content"), rs.getString("content_sha256"),
                PolicyVersion.Source.valueOf(rs.getString("source")), rs.getString("created_by"), rs.getString("created_role"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("reason"));
    }
}
