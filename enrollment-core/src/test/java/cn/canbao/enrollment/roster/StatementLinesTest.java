package cn.canbao.enrollment.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import cn.canbao.enrollment.person.ResidentIdNumber;
import cn.canbao.region.RegionCode;
import cn.canbao.tabular.HeaderMapping;
import cn.canbao.tabular.PlainLines;
import cn.canbao.tabular.RowOutcome;
import cn.canbao.tabular.RowRejection;
import cn.canbao.tabular.TabularReader;

/**
 * The shortcut for plain lines must take a line only when {@link RosterRowMapper} would accept it with the same values:
 * thousands of generated lines, plain and subtly not, each judged both ways.
 */
class StatementLinesTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 10, 1);
    private static final LocalDate ISSUED = LocalDate.of(2024, 9, 10);
    private static final RegionCode COUNTY = RegionCode.of("340321");
    private static final Set<String> KNOWN = Set.of("340321100000", "340321100201", "340321101000");
    private static final String SHORT_HEADER = "姓名,证件号码,所属乡镇村代码,身份类别";
    private static final String TEMPLATE_HEADER = "姓名,证件类型,证件号码,性别,出生日期,所属乡镇村代码,联系电话,身份类别,有效期起,有效期止,备注";

    /** What the stage received from the shortcut, decoded. */
    private record Taken(String personKey, long personNumber, String name, String region, String identity, LocalDate validFrom,
            long line) {
    }

    @Test
    void aLineIsTakenOnlyWhenTheMapperWouldAcceptItWithTheSameValues() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        int taken = 0;
        int declined = 0;
        for (RosterType type : List.of(RosterType.CIVIL_AFFAIRS, RosterType.DISABLED_PERSONS_FEDERATION)) {
            for (String header : List.of(SHORT_HEADER, TEMPLATE_HEADER)) {
                for (int i = 0; i < 3_000; i++) {
                    String line = header == SHORT_HEADER ? String.join(",", name(random), idNumber(random), region(random),
                            identity(random)) + extra(random)
                            : String.join(",", name(random), optional(random, "居民身份证"), idNumber(random), optional(random, "男"),
                                    optional(random, "1980-01-01"), region(random), optional(random, "13800000000"),
                                    identity(random), optional(random, "2024-09-01"), optional(random, ""), extra(random).replace(",", ""));
                    Taken fast = shortcut(type, header, line);
                    RowOutcome<RosterRow> mapped = mapper(type, header, line);
                    if (fast == null) {
                        declined++;
                        continue;
                    }
                    taken++;
                    assertThat(mapped).as(line).isInstanceOf(RowOutcome.Mapped.class);
                    RosterRow row = ((RowOutcome.Mapped<RosterRow>) mapped).value();
                    assertThat(fast).as(line).isEqualTo(new Taken(row.personKey().value(), row.personKey().number(), row.name(),
                            row.regionCode(), row.identity().name(), row.validFrom(), row.line()));
                    assertThat(row.validTo()).isNull();
                }
            }
        }
        assertThat(taken).as("lines taken").isGreaterThan(500);
        assertThat(declined).as("lines declined").isGreaterThan(500);
    }

    @Test
    void theRostersEverydayLinesAreTakenAndLinesThatNeedTheMappersJudgementAreNot() throws IOException {
        String id = valid(random17(new SplittableRandom(1)));
        assertThat(shortcut(RosterType.CIVIL_AFFAIRS, SHORT_HEADER, "张三," + id + ",340321100201,低保对象")).isNotNull();
        assertThat(shortcut(RosterType.CIVIL_AFFAIRS, SHORT_HEADER, "居民甲a," + id + ",340321100201,DIBAO")).isNotNull();
        assertThat(shortcut(RosterType.DISABLED_PERSONS_FEDERATION, SHORT_HEADER, "张三," + id + ",340321100201,"))
                .as("the roster's only identity").isNotNull();
        assertThat(shortcut(RosterType.CIVIL_AFFAIRS, TEMPLATE_HEADER, "张三,," + id + ",,,340321100201,,特困人员,,,"))
                .as("the template with its optional columns empty").isNotNull();

        for (String line : List.of(
                "张三,11010519491231002x,340321100201,低保对象",
                "张三,１" + id.substring(1) + ",340321100201,低保对象",
                "张 三," + id + ",340321100201,低保对象",
                " 张三," + id + ",340321100201,低保对象",
                "张三1," + id + ",340321100201,低保对象",
                "阿依·买买提," + id + ",340321100201,低保对象",
                "张三," + id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0') + ",340321100201,低保对象",
                "张三," + id + ",340321999999,低保对象",
                "张三," + id + ",340321100201,重度残疾人",
                "张三," + id + ",340321100201,dibao",
                "张三," + id + ",340321100201,低保对象,备注",
                "张三," + id + ",340321100201",
                "张三," + id + ",340321100201,")) {
            Taken fast = shortcut(RosterType.CIVIL_AFFAIRS, SHORT_HEADER, line);
            RowOutcome<RosterRow> mapped = mapper(RosterType.CIVIL_AFFAIRS, SHORT_HEADER, line);
            assertThat(fast).as(line).isNull();
            assertThat(mapped).as("the mapper judges it: " + line).isNotNull();
        }
    }

    private static Taken shortcut(RosterType type, String header, String line) throws IOException {
        List<Taken> received = new ArrayList<>();
        RosterLoader.Stage stage = new RosterLoader.Stage() {
            @Override
            public void row(RosterRow row) {
            }

            @Override
            public void statement(StatementLines.Line taken) {
                received.add(new Taken("CN" + new String(taken.bytes, taken.documentNumber, 18, StandardCharsets.US_ASCII),
                        taken.personNumber, new String(taken.bytes, taken.nameFrom, taken.nameTo - taken.nameFrom, StandardCharsets.UTF_8),
                        new String(taken.bytes, taken.region, 12, StandardCharsets.US_ASCII), taken.identity.name(),
                        taken.validFrom, taken.number));
            }

            @Override
            public void rejection(RowRejection rejection) {
            }
        };
        List<String> headers = List.of(header.split(",", -1));
        HeaderMapping mapping = HeaderMapping.resolve(headers, RosterRowMapper.columnsOf(type));
        PlainLines plain = StatementLines.of(mapping, headers.size(), type, KNOWN, TODAY, ISSUED, stage);
        byte[] bytes = ("x" + line).getBytes(StandardCharsets.UTF_8);
        boolean took = plain.take(bytes, 1, bytes.length, 2);
        assertThat(received).hasSize(took ? 1 : 0);
        return took ? received.get(0) : null;
    }

    private static RowOutcome<RosterRow> mapper(RosterType type, String header, String line) throws IOException {
        List<RowOutcome<RosterRow>> outcomes = new ArrayList<>();
        try (TabularReader reader = TabularReader.open(new ByteArrayInputStream((header + "\n" + line + "\n")
                .getBytes(StandardCharsets.UTF_8)))) {
            reader.mapRows(new RosterRowMapper(type, COUNTY, KNOWN, TODAY, ISSUED), outcomes::add);
        }
        return outcomes.isEmpty() ? RowOutcome.rejected(2, "", "blank") : outcomes.get(0);
    }

    private static String name(SplittableRandom random) {
        return pick(random, "张三", "李四光", "居民甲a", "John", "欧阳修文", "张 三", "张三1", "·张三", "=张三", "", " 张三", "张三\u3000",
                "㐀三", "龥", "张三\t", "中".repeat(50), "中".repeat(51), "Ab", "张三;", "张<三>");
    }

    private static String idNumber(SplittableRandom random) {
        String valid = valid(random17(random));
        return switch (random.nextInt(24)) {
            case 0 -> valid.substring(0, 17) + (valid.charAt(17) == '1' ? '2' : '1');
            case 1 -> valid.toLowerCase();
            case 2 -> "１" + valid.substring(1);
            case 3 -> valid.substring(0, 15);
            case 4 -> valid(valid.substring(0, 10) + "0230" + valid.substring(14, 17));
            case 5 -> valid(valid.substring(0, 6) + "20250101" + valid.substring(14, 17));
            case 6 -> valid(valid.substring(0, 6) + "18991231" + valid.substring(14, 17));
            case 7 -> valid("810000" + valid.substring(6, 17));
            case 8 -> " " + valid;
            case 9 -> valid(valid.substring(0, 6) + "20000229" + valid.substring(14, 17));
            default -> valid;
        };
    }

    private static String region(SplittableRandom random) {
        return pick(random, "340321100000", "340321100201", "340321101000", "340321100201", "340321999999", "34032110020",
                "3403211002O1", " 340321100201", "150702001000");
    }

    private static String identity(SplittableRandom random) {
        return pick(random, "低保对象", "特困人员", "孤儿", "低保", "DIBAO", "dibao", "重度残疾人", "重度残疾", "", "低保对象 ",
                "（低保对象）", "未知身份", "事实无人抚养儿童", "TEKUN", "SEVERE_DISABILITY");
    }

    private static String optional(SplittableRandom random, String value) {
        return random.nextInt(4) == 0 ? value : "";
    }

    private static String extra(SplittableRandom random) {
        return pick(random, "", "", "", ",备注", ",x", ",", ",,");
    }

    private static String random17(SplittableRandom random) {
        return "340321" + (1930 + random.nextInt(90)) + String.format("%02d%02d%03d", 1 + random.nextInt(12), 1 + random.nextInt(28),
                random.nextInt(1000));
    }

    private static String valid(String first17) {
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    /** The first value (an everyday one) half of the time, else any of them. */
    private static String pick(SplittableRandom random, String... values) {
        return values[random.nextBoolean() ? 0 : random.nextInt(values.length)];
    }
}
