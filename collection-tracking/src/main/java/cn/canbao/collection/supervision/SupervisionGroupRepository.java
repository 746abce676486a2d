package cn.canbao.collection.supervision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import cn.canbao.region.RegionCode;

/** The area supervision groups (包片督查) stored as data. */
@Repository
public class SupervisionGroupRepository {

    private final JdbcTemplate jdbc;

    public SupervisionGroupRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The groups of counties within the scope (or of the county containing it), in name order. */
    public List<SupervisionGroup> forYear(RegionCode scope, int coverageYear) {
        return query("WHERE g.coverage_year = ? AND (g.county_code LIKE ? OR ? LIKE g.county_code || '%')", coverageYear,
                scope.likePattern(), scope.value());
    }

    /** The group whose leader logs in with this username. */
    public Optional<SupervisionGroup> ledBy(String username, int coverageYear) {
        return query("WHERE g.coverage_year = ? AND g.leader_username = ?", coverageYear, username).stream().findFirst();
    }

    public void assignLeaderLogin(RegionCode county, int coverageYear, String groupName, String username) {
        jdbc.update("UPDATE supervision_group SET leader_username = ? WHERE county_code = ? AND coverage_year = ? AND name = ?",
                username, county.value(), coverageYear, groupName);
    }

    private List<SupervisionGroup> query(String where, Object... args) {
        Map<Long, Object[]> headers = new LinkedHashMap<>();
        Map<Long, List<RegionCode>> townships = new LinkedHashMap<>();
        jdbc.query("SELECT g.id, g.county_code, g.coverage_year, g.name, g.lead_unit, g.leader, g.citation, t.township_code "
                + "FROM supervision_group g LEFT JOIN supervision_group_township t ON t.group_id = g.id " + where
                + " ORDER BY g.county_code, g.id, t.position", rs -> {
                    long id = rs.getLong("id");
                    headers.putIfAbsent(id, new Object[] {rs.getString("county_code"), rs.getInt("coverage_year"), rs.getString("name"),
                            rs.getString("lead_unit"), rs.getString("leader"), rs.getString("citation")});
                    List<RegionCode> list = townships.computeIfAbsent(id, k -> new ArrayList<>());
                    String township = rs.getString("township_code");
                    if (township != null) {
                        list.add(RegionCode.of(township));
                    }
                }, args);
        List<SupervisionGroup> groups = new ArrayList<>();
        headers.forEach((id, h) -> groups.add(new SupervisionGroup(RegionCode.of((String) h[0]), (Integer) h[1], (String) h[2],
                (String) h[3], (String) h[4], townships.get(id), (String) h[5])));
        return groups;
    }
}
