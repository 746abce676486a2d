package cn.canbao.enrollment.roster;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

import cn.canbao.tabular.RowRejection;

/**
 * Writes one batch of roster rows inside the caller's transaction: looks up which people exist,
 * creates the new residents with ids drawn from the sequence and COPY, COPYs the identity rows,
 * registers students for their school's enrollment, and stores the rejected lines. COPY is what
 * makes a million-row roster take seconds, not minutes; the lookup-before-insert keeps it
 * idempotent, and the unique (import, line) key makes a resumed batch a no-op.
 */
@Component
class RosterBatchWriter {

    /** What one batch did; {@code residentsWithIdentities} lists only people who existed before the batch. */
    record Result(long imported, long residentsCreated, List<Long> residentsWithIdentities) {
    }

    private record Person(long id, String countyCode) {
    }

    private final DataSource dataSource;

    RosterBatchWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Result write(RosterImport rosterImport, List<RosterRow> rows, List<RowRejection> rejections, String importedBy) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            try (var statement = connection.createStatement()) {
                // Losing the last batches in a server crash is safe: the import resumes from the committed line.
                statement.execute("SET LOCAL synchronous_commit = off");
            }
            Map<String, Person> people = existing(connection, rows);
            // People created in this batch cannot have an enrollment to re-assess yet.
            java.util.Set<String> preexisting = java.util.Set.copyOf(people.keySet());
            long created = createResidents(connection, rows, people);
            long imported;
            List<Long> identityHolders = new ArrayList<>();
            if (rosterImport.rosterType().establishesIdentities()) {
                imported = copyIdentities(connection, rosterImport, rows, people, preexisting, importedBy, identityHolders);
            } else if (rosterImport.rosterType() == RosterType.EDUCATION) {
                registerStudents(connection, rosterImport, rows, people, importedBy);
                imported = rows.size();
            } else {
                imported = rows.size();
            }
            storeRejections(connection, rosterImport.id(), rejections);
            return new Result(imported, created, identityHolders);
        } catch (SQLException e) {
            throw new RosterWriteException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    static final class RosterWriteException extends RuntimeException {
        RosterWriteException(SQLException cause) {
            super(cause.getMessage(), cause);
        }

        boolean uniqueViolation() {
            return getCause() instanceof SQLException e && "23505".equals(e.getSQLState());
        }
    }

    private static Map<String, Person> existing(Connection connection, List<RosterRow> rows) throws SQLException {
        Map<String, Person> people = new HashMap<>(rows.size() * 2);
        String[] keys = rows.stream().map(r -> r.personKey().value()).distinct().toArray(String[]::new);
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT person_key, id, county_code FROM resident WHERE person_key = ANY (?)")) {
            Array array = connection.createArrayOf("varchar", keys);
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    people.put(rs.getString(1), new Person(rs.getLong(2), rs.getString(3)));
                }
            }
        }
        return people;
    }

    private long createResidents(Connection connection, List<RosterRow> rows, Map<String, Person> people) throws SQLException {
        Map<String, RosterRow> newPeople = new LinkedHashMap<>();
        for (RosterRow row : rows) {
            if (!people.containsKey(row.personKey().value())) {
                newPeople.putIfAbsent(row.personKey().value(), row);
            }
        }
        if (newPeople.isEmpty()) {
            return 0;
        }
        List<Long> ids = new ArrayList<>(newPeople.size());
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT nextval(pg_get_serial_sequence('resident', 'id')) FROM generate_series(1, ?)")) {
            ps.setInt(1, newPeople.size());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        CopyText copy = new CopyText(newPeople.size());
        int i = 0;
        for (RosterRow row : newPeople.values()) {
            long id = ids.get(i++);
            people.put(row.personKey().value(), new Person(id, row.countyCode()));
            copy.add(id).add(row.personKey().value()).add(row.name()).add(row.document().type().name())
                    .add(row.document().number()).add(row.sex() == null ? null : row.sex().code()).add(row.birthDate())
                    .add(row.regionCode()).add(row.countyCode()).add(row.category().name()).add(row.phone()).add(row.school());
            copy.endRow();
        }
        copyIn(connection, """
                COPY resident (id, person_key, name, document_type, document_number, sex, birth_date, region_code, county_code,
                    category, phone, school) FROM STDIN""", copy);
        return newPeople.size();
    }

    private static long copyIdentities(Connection connection, RosterImport rosterImport, List<RosterRow> rows,
            Map<String, Person> people, java.util.Set<String> preexisting, String importedBy, List<Long> holders)
            throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        CopyText copy = new CopyText(rows.size());
        for (RosterRow row : rows) {
            Person person = people.get(row.personKey().value());
            if (preexisting.contains(row.personKey().value())) {
                holders.add(person.id());
            }
            copy.add(rosterImport.coverageYear()).add(person.countyCode()).add(person.id()).add(row.identity().name())
                    .add(row.validFrom()).add(row.validTo()).add(rosterImport.rosterType().name()).add(rosterImport.id())
                    .add(row.line()).add(rosterImport.fileName()).add(rosterImport.sourceDate()).add(importedBy);
            copy.endRow();
        }
        copyIn(connection, """
                COPY person_identity (coverage_year, county_code, resident_id, identity, valid_from, valid_to, source,
                    roster_import_id, source_line, source_file, source_date, recorded_by) FROM STDIN""", copy);
        return rows.size();
    }

    private static void registerStudents(Connection connection, RosterImport rosterImport, List<RosterRow> rows,
            Map<String, Person> people, String importedBy) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO enrollment (coverage_year, county_code, region_code, resident_id, person_key, category, flow, school,
                    status, registered_by)
                VALUES (?, ?, ?, ?, ?, ?, 'STUDENT_BY_SCHOOL', ?, 'REGISTERED', ?)
                ON CONFLICT (person_key, coverage_year) WHERE status IN ('REGISTERED', 'ASSESSED', 'PAID', 'COVERED') DO NOTHING
                """)) {
            for (RosterRow row : rows) {
                Person person = people.get(row.personKey().value());
                ps.setInt(1, rosterImport.coverageYear());
                ps.setString(2, row.countyCode());
                ps.setString(3, row.regionCode());
                ps.setLong(4, person.id());
                ps.setString(5, row.personKey().value());
                ps.setString(6, row.category().name());
                ps.setString(7, row.school());
                ps.setString(8, importedBy);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void storeRejections(Connection connection, long importId, List<RowRejection> rejections) throws SQLException {
        if (rejections.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO roster_import_error (roster_import_id, line, field, reason) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """)) {
            for (RowRejection r : rejections) {
                ps.setLong(1, importId);
                ps.setLong(2, r.line());
                ps.setString(3, truncate(r.field(), 100));
                ps.setString(4, truncate(r.reason(), 500));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static void copyIn(Connection connection, String sql, CopyText copy) throws SQLException {
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(copy.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
