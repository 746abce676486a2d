package cn.canbao.web.population;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed regions as Flyway inserts them ({@code db/migration/V2__seed_regions.sql} on the classpath), read
 * without a database so the generator runs as a plain program from a clean clone.
 */
final class SeedRegions {

    private static final String SEED_SCRIPT = "db/migration/V2__seed_regions.sql";
    private static final Pattern ROW = Pattern.compile("\\('(\\d{6}|\\d{12})', '([^']*)', '([A-Z]+)', (?:NULL|'(\\d+)')");

    record SeedRegion(String code, String name, String level, String parentCode) {
    }

    private SeedRegions() {
    }

    static List<SeedRegion> load() {
        try (InputStream in = SeedRegions.class.getClassLoader().getResourceAsStream(SEED_SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SEED_SCRIPT + " is not on the classpath (db-migrations)");
            }
            Matcher m = ROW.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<SeedRegion> regions = new ArrayList<>();
            while (m.find()) {
                regions.add(new SeedRegion(m.group(1), m.group(2), m.group(3), m.group(4)));
            }
            return regions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
