package cn.canbao.subsidy.batch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.EnumSet;
import java.util.Set;

import cn.canbao.policy.FamilyRole;
import cn.canbao.policy.Identity;
import cn.canbao.policy.ParticipantCategory;

/**
 * Parses the messages of the batch read, as PostgreSQL's {@code COPY ... TO STDOUT (FORMAT binary)} sends them (one
 * row per message; the file header before the first row, the trailer in the last message), straight from the bytes
 * into an {@link EnrollmentRow}. Binary costs the server no text formatting, and the as-of instant comes as the raw
 * {@code timestamptz}: turning it into a Beijing date here spares the server a time-zone conversion per row.
 * Columns of the enrollment (all NULL for a stored result whose enrollment is no longer active): enrollment id (int8),
 * region code, category (text), paid (bool), as-of instant (timestamptz: paid, else registered), birth date (date),
 * relation to head (text), identities ({@code IDENTITY:valid_to} comma-separated). Then of the stored result (all
 * NULL for an enrollment without one): enrollment id, input fingerprint (int8), accepted (bool), personal due,
 * subsidy total (int8), scheme (text). Region, category and relation are decoded once per distinct text
 * ({@link ByteKeyCache}). Not thread-safe (it keeps small caches): one per reading thread.
 */
final class EnrollmentRows {

    static final int COLUMNS = 14;

    /** The zone the read used to date payments and registrations (SQL {@code AT TIME ZONE 'Asia/Shanghai'} before). */
    private static final ZoneRules BEIJING = ZoneId.of("Asia/Shanghai").getRules();
    /** PostgreSQL's binary dates and timestamps count from 2000-01-01 (UTC for timestamps). */
    private static final long EPOCH_2000_DAY = 10_957;
    private static final long EPOCH_2000_SECOND = EPOCH_2000_DAY * 86_400;
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private final ByteKeyCache<String> regions = new ByteKeyCache<>(region -> region);
    private final ByteKeyCache<ParticipantCategory> categories = new ByteKeyCache<>(ParticipantCategory::valueOf);
    private final ByteKeyCache<FamilyRole> roles = new ByteKeyCache<>(FamilyRoles::of);
    private byte[] row;
    private int position;

    /** The row in one message, or null for the message that only ends the stream. */
    EnrollmentRow parse(byte[] message) {
        row = message;
        position = 0;
        if (startsWithSignature()) {
            position = SIGNATURE.length + 4;
            position += 4 + readInt();
        }
        short columns = readShort();
        if (columns == -1) {
            return null;
        }
        if (columns != COLUMNS) {
            throw new IllegalStateException("batch read: expected " + COLUMNS + " columns, got " + columns);
        }
        int idLength = field(true);
        AssessmentInput input = idLength < 0 ? nulls(7, "an enrollment column without the enrollment's id") : input(readLong(idLength));
        int previousLength = field(true);
        EnrollmentRow.Previous previous = previousLength < 0 ? nulls(COLUMNS - 9, "a stored result's column without its enrollment id")
                : previous(readLong(previousLength));
        if (position != message.length) {
            // PostgreSQL sends one row per message; anything else would be read wrongly, so it is refused.
            throw new IllegalStateException("batch read: " + (message.length - position) + " bytes after a row");
        }
        return new EnrollmentRow(input, previous);
    }

    private AssessmentInput input(long id) {
        String region = text(regions, field(false));
        ParticipantCategory category = text(categories, field(false));
        boolean paid = bool();
        LocalDate asOf = beijingDate(readLong(field(false)));
        LocalDate birth = field(true) < 0 ? null : date(readInt());
        int relation = field(true);
        FamilyRole role = relation < 0 ? FamilyRole.OTHER : text(roles, relation);
        int identitiesLength = field(true);
        Set<Identity> identities = EnumSet.noneOf(Identity.class);
        if (identitiesLength >= 0) {
            identities = BatchAssessmentService.identities(string(identitiesLength), asOf);
        }
        return new AssessmentInput(id, region, category, birth, identities, role, asOf, paid);
    }

    /** The stored result's columns after its id; they are NULL only together with the id. */
    private EnrollmentRow.Previous previous(long enrollmentId) {
        long fingerprint = readLong(field(false));
        boolean accepted = bool();
        long due = readLong(field(false));
        long subsidy = readLong(field(false));
        int ruleLength = field(true);
        String rule = ruleLength < 0 ? null : string(ruleLength);
        return new EnrollmentRow.Previous(enrollmentId, fingerprint, accepted, due, subsidy, rule);
    }

    /** Skips the next {@code count} columns, which must all be NULL (the part of the row whose id was NULL): null. */
    private <T> T nulls(int count, String otherwise) {
        for (int column = 0; column < count; column++) {
            if (field(true) >= 0) {
                throw new IllegalStateException("batch read: " + otherwise);
            }
        }
        return null;
    }

    private String string(int length) {
        String value = new String(row, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    private boolean bool() {
        if (field(false) != 1) {
            throw new IllegalStateException("batch read: a boolean of more than one byte");
        }
        return row[position++] != 0;
    }

    /** The length of the next field (and moves to its bytes); -1 for NULL, which only a nullable column may be. */
    private int field(boolean nullable) {
        int length = readInt();
        if (length < 0 && !nullable) {
            throw new IllegalStateException("batch read: NULL in a column that has none");
        }
        return length;
    }

    private <T> T text(ByteKeyCache<T> cache, int length) {
        T value = cache.get(row, position, position + length);
        position += length;
        return value;
    }

    private static LocalDate date(int daysSince2000) {
        if (daysSince2000 == Integer.MAX_VALUE || daysSince2000 == Integer.MIN_VALUE) {
            throw new IllegalStateException("batch read: an infinite date");
        }
        return LocalDate.ofEpochDay(daysSince2000 + EPOCH_2000_DAY);
    }

    static LocalDate beijingDate(long microsSince2000) {
        long epochSecond = Math.floorDiv(microsSince2000, 1_000_000L) + EPOCH_2000_SECOND;
        int offset = BEIJING.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        return LocalDate.ofEpochDay(Math.floorDiv(epochSecond + offset, 86_400L));
    }

    private boolean startsWithSignature() {
        if (row.length < SIGNATURE.length + 8) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (row[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    private long readLong(int length) {
        if (length != 8) {
            throw new IllegalStateException("batch read: an 8-byte field of " + length + " bytes");
        }
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (row[position++] & 0xFF);
        }
        return value;
    }

    private int readInt() {
        int value = ((row[position] & 0xFF) << 24) | ((row[position + 1] & 0xFF) << 16) | ((row[position + 2] & 0xFF) << 8)
                | (row[position + 3] & 0xFF);
        position += 4;
        return value;
    }

    private short readShort() {
        short value = (short) (((row[position] & 0xFF) << 8) | (row[position + 1] & 0xFF));
        position += 2;
        return value;
    }
}
