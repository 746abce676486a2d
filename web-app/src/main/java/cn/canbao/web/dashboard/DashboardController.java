package cn.canbao.web.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

import cn.canbao.collection.progress.ProgressRow;
import cn.canbao.collection.progress.ProgressService;
import cn.canbao.collection.progress.WarningService;
import cn.canbao.collection.snapshot.ProgressSnapshot;
import cn.canbao.collection.snapshot.SnapshotService;
import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionDirectory;
import cn.canbao.web.security.CurrentUser;
import cn.canbao.web.security.RegionAccess;

/**
 * The supervisor dashboard: one unit and the units directly below it, with enrollment and paid
 * rates against the milestone schedule, the special population against its own target, the units
 * behind schedule ranked by the gap in people, and the trend from the kept snapshots. Clicking a
 * unit drills down one level; the breadcrumb goes back up, never above the user's own region.
 */
@Controller
class DashboardController {

    private final ProgressService progress;
    private final WarningService warnings;
    private final SnapshotService snapshots;
    private final RegionDirectory regions;
    private final RegionAccess access;
    private final Clock clock;
    private final JsonMapper json;
    private final int defaultYear;

    DashboardController(ProgressService progress, WarningService warnings, SnapshotService snapshots, RegionDirectory regions,
            RegionAccess access, Clock clock, JsonMapper json, @Value("${canbao.dashboard.default-year:2025}") int defaultYear) {
        this.progress = progress;
        this.warnings = warnings;
        this.snapshots = snapshots;
        this.regions = regions;
        this.access = access;
        this.clock = clock;
        this.json = json;
        this.defaultYear = defaultYear;
    }

    @GetMapping("/dashboard")
    String dashboard(@RequestParam Optional<String> region, @RequestParam Optional<Integer> year,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) Optional<LocalDate> date, Model model) {
        CurrentUser user = access.currentUser();
        RegionCode unit = region.map(RegionCode::of).orElse(user.region());
        access.check(unit);
        int coverageYear = year.orElse(defaultYear);
        LocalDate asOf = date.orElse(LocalDate.now(clock));

        List<ProgressRow> tree = progress.tree(unit, coverageYear, asOf, 1);
        ProgressRow self = tree.stream().filter(r -> r.depth() == 0).findFirst().orElse(null);
        List<ProgressRow> children = tree.stream().filter(r -> r.depth() == 1).toList();
        List<ProgressSnapshot> history = snapshots.history(unit, coverageYear);

        model.addAttribute("unit", regions.get(unit));
        model.addAttribute("path", regions.path(unit).stream().filter(r -> user.canReach(r.code())).toList());
        model.addAttribute("year", coverageYear);
        model.addAttribute("date", asOf);
        model.addAttribute("self", self);
        model.addAttribute("children", children);
        model.addAttribute("warnings", warnings.behindSchedule(unit, coverageYear, asOf, Optional.of(user.getUsername())));
        // The JSON sits in a <script type="application/json"> block: "</" must not end it early.
        model.addAttribute("chartData", json.writeValueAsString(chartData(children, history)).replace("</", "<\\/"));
        return "dashboard/dashboard";
    }

    /** What the charts draw, as plain numbers (percentages with two decimals). */
    private static Map<String, Object> chartData(List<ProgressRow> children, List<ProgressSnapshot> history) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<BigDecimal> paid = new ArrayList<>();
        List<BigDecimal> required = new ArrayList<>();
        List<BigDecimal> special = new ArrayList<>();
        for (ProgressRow row : children) {
            names.add(row.name());
            paid.add(percent(row.progress().paidRate()));
            special.add(percent(row.progress().specialRate()));
            required.add(requiredRate(row));
        }
        data.put("units", names);
        data.put("paidRate", paid);
        data.put("requiredRate", required);
        data.put("specialRate", special);
        List<String> dates = new ArrayList<>();
        List<BigDecimal> trend = new ArrayList<>();
        for (ProgressSnapshot s : history) {
            dates.add(s.takenOn().toString());
            trend.add(s.base().filter(b -> b > 0)
                    .map(b -> BigDecimal.valueOf(s.paid() * 100).divide(BigDecimal.valueOf(b), 2, RoundingMode.HALF_UP))
                    .orElse(null));
        }
        data.put("trendDates", dates);
        data.put("trendPaidRate", trend);
        return data;
    }

    /** The paid rate the milestone schedule requires by the date, as a percentage of the base. */
    private static BigDecimal requiredRate(ProgressRow row) {
        Optional<Long> base = row.progress().base().filter(b -> b > 0);
        if (row.schedule().isEmpty() || base.isEmpty()) {
            return null;
        }
        return BigDecimal.valueOf(row.schedule().get().required() * 100).divide(BigDecimal.valueOf(base.get()), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal percent(Optional<BigDecimal> rate) {
        return rate.map(r -> r.movePointRight(2).setScale(2, RoundingMode.HALF_UP)).orElse(null);
    }
}
