package cn.canbao.enrollment.roster;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import cn.canbao.enrollment.person.PersonName;
import cn.canbao.enrollment.person.ResidentIdNumber;
import cn.canbao.policy.Identity;
import cn.canbao.tabular.HeaderMapping;
import cn.canbao.tabular.PlainLines;
import cn.canbao.tabular.TabularReader;

/**
 * The identity roster's shortcut for plain lines of a UTF-8 CSV file ({@link PlainLines}). A line in the roster's
 * everyday shape goes from the file's bytes straight into the binary COPY, with no strings or row objects: a name of
 * Latin letters and common CJK ideographs (U+4E00–U+9FFF), a valid 18-digit mainland ID number, a known 12-digit
 * region, an identity named exactly as {@link RosterRowMapper} knows it (or none, where the roster has only one), and
 * every other column of the template empty. Any other line is declined and goes through {@link RosterRowMapper}, which
 * also words the rejections: a line is taken only if the mapper would accept it with the same values
 * ({@code StatementLinesTest} holds the two together). On a million-line roster the mapper's way made five strings and
 * a dozen objects per line and encoded the name back to UTF-8; this is most of the Java side of the import.
 */
final class StatementLines implements PlainLines {

    /** The line just taken, as offsets into the read buffer: handed to the stage, reused for every line. */
    static final class Line {
        byte[] bytes;
        int documentNumber;
        /** {@link cn.canbao.enrollment.person.PersonKey#number()} of the line's 'CN' key: the number's first 17 digits. */
        long personNumber;
        int nameFrom;
        int nameTo;
        int region;
        Identity identity;
        LocalDate validFrom;
        long number;
    }

    private static final int ID_LENGTH = 18;
    private static final int REGION_LENGTH = 12;
    private static final byte[][] IDENTITY_NAMES = new byte[RosterRowMapper.IDENTITY_NAMES.size()][];
    private static final Identity[] IDENTITY_VALUES = new Identity[IDENTITY_NAMES.length];

    static {
        int i = 0;
        for (Map.Entry<String, Identity> name : RosterRowMapper.IDENTITY_NAMES.entrySet()) {
            IDENTITY_NAMES[i] = name.getKey().getBytes(StandardCharsets.UTF_8);
            IDENTITY_VALUES[i++] = name.getValue();
        }
    }

    private final RosterLoader.Stage stage;
    private final int cells;
    private final int name;
    private final int documentNumber;
    private final int region;
    private final int identity;
    /** The file columns of the template's other columns: their cells must be empty. */
    private final int[] empty;
    /** The known 12-digit regions as numbers, sorted. */
    private final long[] regions;
    private final Set<Identity> allowed;
    /** The identity of a line with an empty identity cell: the roster's only one, or null when the cell is required. */
    private final Identity single;
    private final LocalDate today;
    private final int[] starts;
    private final int[] ends;
    private final Line taken = new Line();

    private StatementLines(HeaderMapping mapping, int cells, RosterType type, Set<String> knownRegions, LocalDate today,
            LocalDate sourceDate, RosterLoader.Stage stage) {
        this.stage = stage;
        this.cells = cells;
        this.name = mapping.indexOf("name");
        this.documentNumber = mapping.indexOf("documentNumber");
        this.region = mapping.indexOf("regionCode");
        this.identity = mapping.indexOf("identity");
        this.empty = RosterRowMapper.columnsOf(type).stream().map(column -> mapping.indexOf(column.key()))
                .filter(index -> index >= 0 && index != name && index != documentNumber && index != region && index != identity)
                .mapToInt(Integer::intValue).toArray();
        this.regions = knownRegions.stream().filter(code -> code.length() == REGION_LENGTH && code.chars().allMatch(c -> c >= '0' && c <= '9'))
                .mapToLong(Long::parseLong).sorted().toArray();
        this.allowed = type.identities();
        this.single = type.identityColumnRequired() ? null : type.identities().iterator().next();
        this.today = today;
        this.taken.validFrom = sourceDate;
        this.starts = new int[cells];
        this.ends = new int[cells];
    }

    /** The shortcut for an identity roster's file with this header; null for the rosters that register people. */
    static PlainLines of(HeaderMapping mapping, int cells, RosterType type, Set<String> knownRegions, LocalDate today,
            LocalDate sourceDate, RosterLoader.Stage stage) {
        return type.establishesIdentities() ? new StatementLines(mapping, cells, type, knownRegions, today, sourceDate, stage) : null;
    }

    @Override
    public boolean take(byte[] bytes, int from, int to, long line) {
        if (!split(bytes, from, to) || !plainName(bytes) || ends[documentNumber] - starts[documentNumber] != ID_LENGTH
                || !ResidentIdNumber.isValidMainland(bytes, starts[documentNumber], today) || !knownRegion(bytes)) {
            return false;
        }
        Identity stated = identity < 0 || starts[identity] == ends[identity] ? single : namedIdentity(bytes);
        if (stated == null || !allowed.contains(stated)) {
            return false;
        }
        taken.bytes = bytes;
        taken.documentNumber = starts[documentNumber];
        taken.personNumber = 0;
        for (int i = taken.documentNumber; i < taken.documentNumber + 17; i++) {
            taken.personNumber = taken.personNumber * 10 + (bytes[i] - '0');
        }
        taken.nameFrom = starts[name];
        taken.nameTo = ends[name];
        taken.region = starts[region];
        taken.identity = stated;
        taken.number = line;
        stage.statement(taken);
        return true;
    }

    /**
     * Finds the cells; false unless the line has as many cells as the header, the template's other columns are empty,
     * and the columns the mapper does not read are short ASCII (the reader checks any cell's length and encoding).
     */
    private boolean split(byte[] bytes, int from, int to) {
        int cell = 0;
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || bytes[i] == ',') {
                if (cell == cells) {
                    return false;
                }
                starts[cell] = start;
                ends[cell++] = i;
                start = i + 1;
            }
        }
        if (cell != cells) {
            return false;
        }
        for (int index : empty) {
            if (starts[index] != ends[index]) {
                return false;
            }
        }
        for (int c = 0; c < cells; c++) {
            if (c != name && c != documentNumber && c != region && c != identity && !shortAscii(bytes, starts[c], ends[c])) {
                return false;
            }
        }
        return true;
    }

    private static boolean shortAscii(byte[] bytes, int from, int to) {
        if (to - from > TabularReader.MAX_CELL_CHARACTERS) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A name the mapper takes as it is: 1 to {@link PersonName#MAX_LENGTH} characters, each a Latin letter or a CJK
     * ideograph of U+4E00–U+9FFF (three UTF-8 bytes, lead byte E4 to E9) — no space to trim, no digit, no mark.
     */
    private boolean plainName(byte[] bytes) {
        int from = starts[name];
        int to = ends[name];
        int characters = 0;
        int i = from;
        while (i < to) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                if ((b | 0x20) < 'a' || (b | 0x20) > 'z') {
                    return false;
                }
                i++;
            } else {
                if (b < 0xE4 || b > 0xE9 || i + 3 > to) {
                    return false;
                }
                int second = bytes[i + 1] & 0xFF;
                if ((second & 0xC0) != 0x80 || (bytes[i + 2] & 0xC0) != 0x80 || b == 0xE4 && second < 0xB8) {
                    return false;
                }
                i += 3;
            }
            characters++;
        }
        return characters > 0 && characters <= PersonName.MAX_LENGTH;
    }

    private boolean knownRegion(byte[] bytes) {
        int from = starts[region];
        if (ends[region] - from != REGION_LENGTH) {
            return false;
        }
        long code = 0;
        for (int i = from; i < from + REGION_LENGTH; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            code = code * 10 + digit;
        }
        return Arrays.binarySearch(regions, code) >= 0;
    }

    /** The identity the cell names exactly as one of the mapper's names, or null. */
    private Identity namedIdentity(byte[] bytes) {
        int from = starts[identity];
        int length = ends[identity] - from;
        for (int n = 0; n < IDENTITY_NAMES.length; n++) {
            byte[] candidate = IDENTITY_NAMES[n];
            if (candidate.length == length && Arrays.equals(bytes, from, from + length, candidate, 0, length)) {
                return IDENTITY_VALUES[n];
            }
        }
        return null;
    }
}
