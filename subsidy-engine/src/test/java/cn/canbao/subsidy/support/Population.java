package cn.canbao.subsidy.support;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import cn.canbao.enrollment.person.PersonKey;
import cn.canbao.policy.Identity;

/**
 * Writes residents, their identities and enrollments straight into the enrollment tables with COPY: a synthetic
 * population for tests and the benchmark, deterministic for a seed. Person keys carry a prefix so runs never collide.
 */
public final class Population {

    /** One person to write; identities may be empty. */
    public record Person(String regionCode, String category, LocalDate birthDate, String relation, List<Identity> identities,
                         String status, LocalDate paidOn, LocalDate registeredOn) {
    }

    private Population() {
    }

    /** Writes the people; resident and enrollment ids are equal and consecutive in list order. */
    public static void write(DataSource dataSource, String keyPrefix, int coverageYear, List<Person> people) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long firstId;
            try (var statement = connection.createStatement();
                 var rs = statement.executeQuery("SELECT greatest(nextval(pg_get_serial_sequence('resident', 'id')), "
                         + "nextval(pg_get_serial_sequence('enrollment', 'id')))")) {
                rs.next();
                firstId = rs.getLong(1) + 1;
            }
            try (var statement = connection.createStatement()) {
                // Both sequences move past the ids written here, so later inserts never collide with them.
                statement.execute("SELECT setval(pg_get_serial_sequence('resident', 'id'), " + (firstId + people.size()) + ")");
                statement.execute("SELECT setval(pg_get_serial_sequence('enrollment', 'id'), " + (firstId + people.size()) + ")");
            }
            int chunk = 100_000;
            for (int from = 0; from < people.size(); from += chunk) {
                StringBuilder residents = new StringBuilder();
                StringBuilder enrollments = new StringBuilder();
                StringBuilder identities = new StringBuilder();
                for (int i = from; i < Math.min(people.size(), from + chunk); i++) {
                    Person p = people.get(i);
                    long id = firstId + i;
                    String key = keyPrefix + i;
                    String county = p.regionCode().substring(0, 6);
                    residents.append(id).append(',').append(key).append(",测试").append(i).append(",RESIDENT_ID,")
                            .append(key, 0, Math.min(20, key.length())).append(',').append(p.birthDate() == null ? "" : p.birthDate())
                            .append(',').append(p.relation() == null ? "" : p.relation()).append(',').append(p.regionCode())
                            .append(',').append(county).append(',').append(p.category()).append('\n');
                    boolean paid = p.paidOn() != null;
                    enrollments.append(id).append(',').append(coverageYear).append(',').append(county).append(',')
                            .append(p.regionCode()).append(',').append(id).append(',').append(key).append(',').append(p.category())
                            .append(",RENEWAL,").append(p.status()).append(',').append(p.registeredOn()).append(" 10:00:00+08,test,")
                            .append(paid ? p.paidOn() + " 10:00:00+08" : "").append('\n');
                    for (Identity identity : p.identities()) {
                        identities.append(coverageYear).append(',').append(county).append(',').append(key).append(',')
                                .append(new PersonKey(key).number()).append(',').append(identity.name()).append(',').append(coverageYear - 1).append("-09-01,TEST,")
                                .append(coverageYear - 1).append("-09-01,test\n");
                    }
                }
                copy.copyIn("COPY resident (id, person_key, name, document_type, document_number, birth_date, relation_to_head, "
                        + "region_code, county_code, category) FROM STDIN (FORMAT csv)", new StringReader(residents.toString()));
                copy.copyIn("COPY enrollment (id, coverage_year, county_code, region_code, resident_id, person_key, category, flow, "
                        + "status, registered_at, registered_by, paid_at) FROM STDIN (FORMAT csv)",
                        new StringReader(enrollments.toString()));
                if (!identities.isEmpty()) {
                    copy.copyIn("COPY person_identity (coverage_year, county_code, person_key, person_number, identity, valid_from, source, "
                            + "source_date, recorded_by) FROM STDIN (FORMAT csv)", new StringReader(identities.toString()));
                }
            }
            connection.commit();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A county of {@code size} people over the given townships: about 3% 低保, 1% 特困, 1% 重度残疾, 1% 监测, 0.5% 优抚,
     * 0.5% 独女户 daughters, the rest ordinary; 80% paid within the collection window.
     */
    public static List<Person> generate(int size, List<String> townships, int coverageYear, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Person[] people = new Person[size];
        LocalDate registered = LocalDate.of(coverageYear - 1, 10, 8);
        for (int i = 0; i < size; i++) {
            int roll = random.nextInt(1000);
            List<Identity> identities = roll < 30 ? List.of(Identity.DIBAO)
                    : roll < 40 ? List.of(Identity.TEKUN)
                    : roll < 50 ? List.of(Identity.SEVERE_DISABILITY)
                    : roll < 60 ? List.of(Identity.MONITORED, Identity.POVERTY_ALLEVIATED)
                    : roll < 65 ? List.of(Identity.ENTITLED_VETERAN)
                    : roll < 70 ? List.of(Identity.ONLY_DAUGHTER_FAMILY)
                    : List.of();
            String relation = roll >= 65 && roll < 70 ? "女儿" : "户主";
            LocalDate birth = roll >= 65 && roll < 70 ? LocalDate.of(coverageYear - 10, 3, 1).plusDays(random.nextInt(2000))
                    : LocalDate.of(1950, 1, 1).plusDays(random.nextInt(20000));
            boolean paid = random.nextInt(10) < 8;
            people[i] = new Person(townships.get(random.nextInt(townships.size())), "RESIDENT", birth, relation, identities,
                    paid ? "PAID" : "REGISTERED", paid ? registered.plusDays(random.nextInt(40)) : null, registered);
        }
        return List.of(people);
    }
}
