package cn.canbao.web.population;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to generate: {@code residents} people below the seed region {@code root} (a county, city or province),
 * for {@code coverageYear}, with every random choice drawn from {@code seed}. The payment file covers the
 * collection season up to {@code asOf} (default: 20 December of the year before the coverage year, the
 * demo clock).
 */
public record PopulationSpec(long seed, int residents, String root, int coverageYear, LocalDate asOf) {

    public PopulationSpec {
        if (residents < 1) {
            throw new IllegalArgumentException("residents must be at least 1, was " + residents);
        }
        if (!root.matches("\\d{6}")) {
            throw new IllegalArgumentException("root must be a 6-digit seed region code, was " + root);
        }
        if (asOf.getYear() != coverageYear - 1 || asOf.getMonthValue() < 9) {
            throw new IllegalArgumentException("asOf must fall in the collection season (Sep–Dec of " + (coverageYear - 1) + "), was " + asOf);
        }
    }

    public static PopulationSpec of(long seed, int residents, String root, int coverageYear) {
        return new PopulationSpec(seed, residents, root, coverageYear, LocalDate.of(coverageYear - 1, 12, 20));
    }

    /** Reads {@code --seed=42 --residents=1000000 --root=340321 --year=2025 [--as-of=2024-12-20]}. */
    static PopulationSpec parse(Map<String, String> options) {
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        int residents = Integer.parseInt(options.getOrDefault("residents", "100000").replace("_", "").replace(",", ""));
        String root = options.getOrDefault("root", "340321");
        int year = Integer.parseInt(options.getOrDefault("year", "2025"));
        LocalDate asOf = options.containsKey("as-of") ? LocalDate.parse(options.get("as-of")) : LocalDate.of(year - 1, 12, 20);
        return new PopulationSpec(seed, residents, root, year, asOf);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }
}
