package cn.canbao.web.population;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import cn.canbao.collection.payment.Channel;
import cn.canbao.collection.payment.PaymentField;
import cn.canbao.collection.payment.PaymentKind;
import cn.canbao.enrollment.person.ResidentIdNumber;
import cn.canbao.enrollment.roster.RosterRowMapper;
import cn.canbao.enrollment.roster.RosterType;
import cn.canbao.policy.Identity;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.tabular.Column;
import cn.canbao.web.population.SeedRegions.SeedRegion;

/**
 * Writes a synthetic population below a seed region: households in villages, special identities, students,
 * newborns, migrant workers, last year's enrollment, the department rosters and the tax bureau's payment file,
 * in the formats the imports read. Every choice comes from one {@link SplittableRandom} seeded by the spec and
 * files are written in generation order, so the same spec always gives the same bytes (the manifest lists a
 * SHA-256 per file). Memory stays flat: households are written as they are made.
 *
 * <p>The shares are explained in {@code docs/scaling.md} (section "The synthetic population").
 */
public final class PopulationGenerator {

    static final String REGIONS = "regions.csv";
    static final String RESIDENTS = "residents.csv";
    static final String PAYMENTS = "payments.csv";
    static final String MANIFEST = "manifest.txt";

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰红梅建国志新春光辉海波宁丹文利飞云成斌鹏林浩宇轩子涵欣怡雨萱梓晨佳琪博文思远嘉怡诗雅俊杰";

    /** Residents per generated village: rural administrative villages in Anhui hold 1,000–3,000 people. */
    private static final int RESIDENTS_PER_VILLAGE = 1_800;
    /** Townships made up for seed counties whose townships the documents do not name. */
    private static final int TOWNSHIPS_PER_UNNAMED_COUNTY = 12;

    private final PopulationSpec spec;
    private final SplittableRandom random;
    private final Map<Long, Integer> idSequence = new HashMap<>();
    private final Map<String, Long> rowCounts = new LinkedHashMap<>();
    private final Map<String, Long> figures = new LinkedHashMap<>();
    private final Map<Identity, Long> identityCounts = new EnumMap<>(Identity.class);
    private final Map<Channel, Long> channelCounts = new EnumMap<>(Channel.class);
    private final ArrayDeque<String> recentPayments = new ArrayDeque<>();
    private final String premium;
    private long transactions;

    private PopulationGenerator(PopulationSpec spec) {
        this.spec = spec;
        this.random = new SplittableRandom(spec.seed());
        // 居民个人缴费标准: 400 yuan for 2025 (怀远县2025年度居民医保参保缴费工作方案), 380 for 2024.
        this.premium = spec.coverageYear() <= 2024 ? "380.00" : "400.00";
    }

    /** What was written: rows and SHA-256 per file, plus the counts the manifest reports. */
    public record Result(Path directory, Map<String, Long> rows, Map<String, String> sha256, Map<String, Long> figures) {

        /** One hash over all file hashes: equal for equal specs, different otherwise. */
        public String combinedSha256() {
            return PopulationGenerator.sha256(sha256.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")));
        }
    }

    public static Result generate(PopulationSpec spec, Path directory) throws IOException {
        return new PopulationGenerator(spec).write(directory);
    }

    // ---------------------------------------------------------------------------------------------- regions

    record Village(String code, String townshipCode, String townshipName, String countyCode, String countyName) {
    }

    private List<Village> plan(List<String[]> madeUpRegions) {
        List<SeedRegion> seeds = SeedRegions.load();
        Map<String, SeedRegion> byCode = seeds.stream().collect(Collectors.toMap(SeedRegion::code, r -> r, (a, b) -> a, LinkedHashMap::new));
        SeedRegion root = byCode.get(spec.root());
        if (root == null) {
            throw new IllegalArgumentException("root " + spec.root() + " is not a seed region");
        }
        List<SeedRegion> counties = seeds.stream()
                .filter(r -> r.level().equals("COUNTY") && (r.code().equals(root.code()) || isBelow(r.code(), root)))
                .toList();
        if (counties.isEmpty()) {
            throw new IllegalArgumentException("no seed county at or below " + spec.root());
        }
        List<String[]> townships = new ArrayList<>();
        for (SeedRegion county : counties) {
            List<SeedRegion> named = seeds.stream().filter(r -> r.level().equals("TOWNSHIP") && county.code().equals(r.parentCode())).toList();
            if (named.isEmpty()) {
                for (int i = 1; i <= TOWNSHIPS_PER_UNNAMED_COUNTY; i++) {
                    String code = county.code() + String.format("%03d000", 100 + i);
                    String name = county.name() + "合成镇" + i;
                    madeUpRegions.add(new String[] {code, name, "TOWNSHIP", county.code()});
                    townships.add(new String[] {code, name, county.code(), county.name()});
                }
            } else {
                named.forEach(t -> townships.add(new String[] {t.code(), t.name(), county.code(), county.name()}));
            }
        }
        int villagesPerTownship = (int) Math.max(1, Math.min(60, Math.round((double) spec.residents() / townships.size() / RESIDENTS_PER_VILLAGE)));
        List<Village> villages = new ArrayList<>();
        for (String[] township : townships) {
            for (int v = 1; v <= villagesPerTownship; v++) {
                String code = township[0].substring(0, 9) + String.format("%03d", 200 + v);
                madeUpRegions.add(new String[] {code, township[1] + "合成" + v + "村", "VILLAGE", township[0]});
                villages.add(new Village(code, township[0], township[1], township[2], township[3]));
            }
        }
        return villages;
    }

    private static boolean isBelow(String code, SeedRegion root) {
        return switch (root.level()) {
            case "PROVINCE" -> code.startsWith(root.code().substring(0, 2));
            case "CITY" -> code.startsWith(root.code().substring(0, 4));
            default -> false;
        };
    }

    // ---------------------------------------------------------------------------------------------- people

    enum Relation {
        HEAD("户主"), SPOUSE("配偶"), CHILD("子女"), PARENT("父母");

        final String chinese;

        Relation(String chinese) {
            this.chinese = chinese;
        }
    }

    record Person(String name, String documentType, String documentNumber, boolean male, LocalDate birth, Relation relation,
            ParticipantCategory category, boolean migrant, String school, Set<Identity> identities) {

        boolean hasIdNumber() {
            return documentType.equals("居民身份证");
        }
    }

    private Result write(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<String[]> madeUp = new ArrayList<>();
        List<Village> villages = plan(madeUp);
        double[] cumulative = new double[villages.size()];
        double total = 0;
        for (int i = 0; i < villages.size(); i++) {
            total += 0.4 + random.nextDouble() * 1.2;
            cumulative[i] = total;
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        try (Output regions = open(directory, REGIONS, hashes)) {
            regions.row("code", "name", "level", "parent_code");
            madeUp.forEach(regions::row);
        }
        int lastYear = spec.coverageYear() - 1;
        Map<RosterType, Output> rosters = new EnumMap<>(RosterType.class);
        try (Output residents = open(directory, RESIDENTS, hashes);
                Output enrollment = open(directory, "enrollment-" + lastYear + ".csv", hashes);
                Output payments = open(directory, PAYMENTS, hashes)) {
            for (RosterType type : RosterType.values()) {
                Output out = open(directory, "roster-" + type.name().toLowerCase().replace('_', '-') + ".csv", hashes);
                out.row(RosterRowMapper.columnsOf(type).stream().map(Column::templateHeader).toArray(String[]::new));
                rosters.put(type, out);
            }
            residents.row("户号", "与户主关系", "姓名", "证件类型", "证件号码", "性别", "出生日期", "所属乡镇村代码", "联系电话",
                    "参保类别", "身份类别", "外出务工", "上年参保", "本年已缴费");
            enrollment.row("证件号码", "姓名", "所属乡镇村代码", "参保年度", "参保类别", "缴费金额");
            payments.row(java.util.Arrays.stream(PaymentField.values()).map(PaymentField::header).toArray(String[]::new));
            long people = 0;
            long household = 0;
            while (people < spec.residents()) {
                Village village = villages.get(pick(cumulative, random.nextDouble() * total));
                List<Person> members = household(village, (int) Math.min(spec.residents() - people, Integer.MAX_VALUE));
                household++;
                writeHousehold(household, village, members, residents, enrollment, payments, rosters, lastYear);
                people += members.size();
            }
            count("households", household);
            while (!recentPayments.isEmpty()) {
                payments.line(recentPayments.poll());
            }
        } finally {
            for (Output out : rosters.values()) {
                out.close();
            }
        }
        identityCounts.forEach((identity, n) -> count("identity " + identity.name(), n));
        channelCounts.forEach((channel, n) -> count("channel " + channel.name(), n));
        writeManifest(directory, hashes);
        return new Result(directory, Map.copyOf(rowCounts), hashes, figures);
    }

    private static int pick(double[] cumulative, double point) {
        int i = java.util.Arrays.binarySearch(cumulative, point);
        return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
    }

    /**
     * One household. Sizes follow the 2020 census (mean about 2.6): 1 person 25%, 2 people 30%, 3 people 20%,
     * 4 people 13%, 5 people 7%, 6 people 5%.
     */
    private List<Person> household(Village village, int room) {
        double u = random.nextDouble();
        int size = u < 0.25 ? 1 : u < 0.55 ? 2 : u < 0.75 ? 3 : u < 0.88 ? 4 : u < 0.95 ? 5 : 6;
        size = Math.min(size, room);
        String surname = String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        LocalDate endOfLastYear = LocalDate.of(spec.coverageYear() - 1, 12, 31);
        List<Person> members = new ArrayList<>(size);
        int headAge;
        if (size == 1) {
            headAge = random.nextDouble() < 0.55 ? 60 + random.nextInt(31) : 20 + random.nextInt(40);
        } else if (size == 2) {
            double a = random.nextDouble();
            headAge = a < 0.5 ? 60 + random.nextInt(26) : a < 0.8 ? 40 + random.nextInt(20) : 22 + random.nextInt(18);
        } else {
            headAge = 24 + random.nextInt(32);
        }
        boolean headMale = random.nextDouble() < 0.8;
        members.add(person(village, surname, headMale, endOfLastYear.minusYears(headAge).minusDays(random.nextInt(365)), Relation.HEAD));
        if (size >= 2) {
            int spouseAge = Math.max(20, headAge + random.nextInt(7) - 3);
            members.add(person(village, randomSurname(), !headMale, endOfLastYear.minusYears(spouseAge).minusDays(random.nextInt(365)), Relation.SPOUSE));
        }
        int grandparents = size >= 5 ? Math.min(2, size - 4) : 0;
        int children = size - members.size() - grandparents;
        for (int c = 0; c < children; c++) {
            int maxAge = Math.max(0, Math.min(25, headAge - 22));
            // A young couple's newest child is a newborn in about one household in nine: about 6 per 1,000 people.
            boolean newborn = c == children - 1 && headAge < 40 && random.nextDouble() < 0.11;
            LocalDate birth = newborn
                    ? LocalDate.of(spec.coverageYear() - 1, 1, 1).plusDays(random.nextInt(spec.asOf().getDayOfYear()))
                    : endOfLastYear.minusYears(1 + random.nextInt(maxAge + 1)).minusDays(random.nextInt(365));
            members.add(person(village, surname, random.nextBoolean(), birth, Relation.CHILD));
        }
        for (int g = 0; g < grandparents; g++) {
            int age = Math.min(95, headAge + 24 + random.nextInt(8));
            members.add(person(village, surname, g == 0, endOfLastYear.minusYears(age).minusDays(random.nextInt(365)), Relation.PARENT));
        }
        assignIdentities(members);
        return members;
    }

    private String randomSurname() {
        return String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
    }

    private Person person(Village village, String surname, boolean male, LocalDate birth, Relation relation) {
        String given = String.valueOf(GIVEN.charAt(random.nextInt(GIVEN.length())));
        if (random.nextDouble() < 0.7) {
            given += GIVEN.charAt(random.nextInt(GIVEN.length()));
        }
        int age = spec.coverageYear() - 1 - birth.getYear();
        boolean newborn = birth.getYear() == spec.coverageYear() - 1;
        ParticipantCategory category = ParticipantCategory.RESIDENT;
        String school = null;
        boolean migrant = false;
        if (newborn) {
            category = ParticipantCategory.NEWBORN;
        } else if (age >= 3 && age <= 5 && random.nextDouble() < 0.5) {
            category = ParticipantCategory.PRESCHOOL_CHILD;
            school = village.townshipName() + "中心幼儿园";
        } else if (age >= 6 && age <= 18) {
            category = ParticipantCategory.STUDENT;
            school = age <= 12 ? village.townshipName() + "中心小学" : age <= 15 ? village.townshipName() + "初级中学" : village.countyName() + "第一中学";
        } else if (age >= 18 && age <= 55 && random.nextDouble() < 0.22) {
            // 外出务工: about one working-age rural resident in five works outside the county.
            migrant = true;
        }
        String documentType = "居民身份证";
        String number;
        if (newborn && random.nextDouble() < 0.3) {
            // Not yet registered in a household (上户口): known by the birth certificate (出生医学证明).
            documentType = "出生医学证明";
            number = (char) ('A' + random.nextInt(26)) + pad(random.nextInt(1_000_000_000), 9);
        } else {
            number = idNumber(village.countyCode(), birth, male);
        }
        return new Person(surname + given, documentType, number, male, birth, relation, category, migrant, school, EnumSet.noneOf(Identity.class));
    }

    /** A valid, unique 18-digit number: county, birth date, a sequence per county, day and sex, check character. */
    private String idNumber(String county, LocalDate birth, boolean male) {
        LocalDate day = birth;
        while (true) {
            long key = (Long.parseLong(county) * 100_000L + day.toEpochDay() + 40_000) * 2 + (male ? 1 : 0);
            int next = idSequence.merge(key, 1, Integer::sum);
            if (next < 500) {
                String first17 = county + pad(day.getYear(), 4) + pad(day.getMonthValue(), 2) + pad(day.getDayOfMonth(), 2) + pad(male ? next * 2 - 1 : next * 2, 3);
                return first17 + ResidentIdNumber.checkCharacter(first17);
            }
            day = day.minusDays(1);
        }
    }

    /**
     * Special identities, by household where the department recognises households (低保, 脱贫, 监测, 返贫, 低保边缘,
     * 低收入, 独女户) and by person otherwise. Shares of residents, from national and provincial yearbook orders of
     * magnitude (docs/scaling.md): 脱贫 5%, 低保 3% (a third of them also 脱贫), 监测 0.8%, 低保边缘 0.6%, 特困 0.4%,
     * 重度残疾 1.2%, 优抚 0.2%, 孤儿 and 事实无人抚养 0.05% of children, 独女户 1% of households with only daughters.
     */
    private void assignIdentities(List<Person> members) {
        Set<Identity> household = EnumSet.noneOf(Identity.class);
        double u = random.nextDouble();
        if (u < 0.048) {
            household.add(Identity.POVERTY_ALLEVIATED);
            if (random.nextDouble() < 0.2) {
                household.add(Identity.DIBAO);
            }
        } else if (u < 0.048 + 0.021) {
            household.add(Identity.DIBAO);
        } else if (u < 0.069 + 0.008) {
            household.add(Identity.MONITORED);
        } else if (u < 0.077 + 0.006) {
            household.add(Identity.DIBAO_MARGINAL);
        } else if (u < 0.083 + 0.0005) {
            household.add(Identity.RETURN_TO_POVERTY);
        } else if (u < 0.0835 + 0.01 && spec.root().startsWith("15")) {
            // 农村牧区低收入人口 is an Inner Mongolia category (呼医保发〔2024〕13号).
            household.add(Identity.LOW_INCOME_RURAL);
        }
        boolean onlyDaughters = members.stream().anyMatch(p -> p.relation() == Relation.CHILD)
                && members.stream().filter(p -> p.relation() == Relation.CHILD).noneMatch(Person::male);
        if (onlyDaughters && random.nextDouble() < 0.04) {
            household.add(Identity.ONLY_DAUGHTER_FAMILY);
        }
        for (Person p : members) {
            p.identities().addAll(household);
            int age = spec.coverageYear() - 1 - p.birth().getYear();
            if (members.size() == 1 && age >= 60 && !household.contains(Identity.DIBAO) && random.nextDouble() < 0.05) {
                // 特困: old people living alone without support, never also 低保.
                p.identities().add(Identity.TEKUN);
            }
            if (random.nextDouble() < (age >= 60 ? 0.03 : 0.006)) {
                p.identities().add(Identity.SEVERE_DISABILITY);
            }
            if (p.male() && age >= 45 && random.nextDouble() < 0.006) {
                p.identities().add(Identity.ENTITLED_VETERAN);
            }
            if (age < 18 && p.relation() == Relation.CHILD && random.nextDouble() < 0.001) {
                p.identities().add(random.nextBoolean() ? Identity.ORPHAN : Identity.UNSUPPORTED_CHILD);
            }
            p.identities().forEach(identity -> identityCounts.merge(identity, 1L, Long::sum));
        }
    }

    // ---------------------------------------------------------------------------------------------- files

    private void writeHousehold(long number, Village village, List<Person> members, Output residents, Output enrollment,
            Output payments, Map<RosterType, Output> rosters, int lastYear) {
        String householdNumber = village.countyCode() + pad(number, 9);
        String phone = "1" + (3 + random.nextInt(7)) + pad(random.nextInt(1_000_000_000), 9);
        boolean householdLapsed = random.nextDouble() < 0.04;
        // One member pays for the whole household at once, through one channel: how families pay in practice.
        LocalDateTime paidAt = paymentMoment();
        Person head = members.get(0);
        int headAge = spec.coverageYear() - 1 - head.birth().getYear();
        Channel householdChannel = channel(headAge, members.stream().anyMatch(Person::migrant));
        for (Person p : members) {
            boolean newborn = p.category() == ParticipantCategory.NEWBORN;
            boolean enrolledLastYear = !newborn && !householdLapsed && random.nextDouble() < (p.migrant() ? 0.9 : 0.97);
            boolean fullyFunded = p.identities().contains(Identity.TEKUN) || p.identities().contains(Identity.ORPHAN)
                    || p.identities().contains(Identity.UNSUPPORTED_CHILD);
            double payingShare = enrolledLastYear ? 0.9 : newborn ? 0.7 : 0.45;
            boolean pays = p.hasIdNumber() && !fullyFunded && random.nextDouble() < payingShare;
            String identities = p.identities().stream().map(Identity::chineseName).collect(Collectors.joining("；"));
            residents.row(householdNumber, p.relation().chinese, p.name(), p.documentType(), p.documentNumber(), p.male() ? "男" : "女",
                    p.birth().toString(), village.code(), phone, p.category().chineseName(), identities, p.migrant() ? "是" : "否",
                    enrolledLastYear ? "是" : "否", pays ? "是" : "否");
            count("residents", 1);
            if (newborn) {
                count("newborns", 1);
                rosters.get(RosterType.HOSPITAL_NEWBORN).row(p.name(), p.documentType(), p.documentNumber(), p.male() ? "男" : "女",
                        p.birth().toString(), village.code(), phone);
            }
            if (p.migrant()) {
                count("migrant workers", 1);
            }
            boolean viaSchool = p.school() != null && random.nextDouble() < 0.85;
            if (viaSchool) {
                count("students enrolled by their school", 1);
                rosters.get(RosterType.EDUCATION).row(p.name(), p.documentType(), p.documentNumber(), sexUnlessInNumber(p), birthUnlessInNumber(p), village.code(), phone,
                        p.school(), p.category().chineseName());
            }
            if (enrolledLastYear) {
                count("enrolled last year", 1);
                enrollment.row(p.documentNumber(), p.name(), village.code(), String.valueOf(lastYear),
                        p.category() == ParticipantCategory.NEWBORN ? ParticipantCategory.RESIDENT.chineseName() : p.category().chineseName(),
                        fullyFunded ? "0.00" : premium);
            }
            for (Identity identity : p.identities()) {
                RosterType department = departmentOf(identity);
                if (department != null) {
                    rosters.get(department).row(p.name(), p.documentType(), p.documentNumber(), sexUnlessInNumber(p), birthUnlessInNumber(p), village.code(), phone,
                            identity.chineseName(), LocalDate.of(lastYear, 9, 1).toString(), "");
                }
            }
            if (pays) {
                Channel channel = viaSchool ? Channel.SCHOOL : householdChannel;
                writePayments(p, village, channel, paidAt.plusSeconds(random.nextInt(120)), payments);
            }
        }
    }

    /** Sex and birth date are read from an ID number; other documents (a newborn's birth certificate) must state them. */
    private static String sexUnlessInNumber(Person p) {
        return p.hasIdNumber() ? "" : p.male() ? "男" : "女";
    }

    private static String birthUnlessInNumber(Person p) {
        return p.hasIdNumber() ? "" : p.birth().toString();
    }

    private static RosterType departmentOf(Identity identity) {
        for (RosterType type : RosterType.values()) {
            if (type.identities().contains(identity)) {
                return type;
            }
        }
        return null;
    }

    /**
     * Channels: elderly households pay through the community agent or the bank, migrant households on their
     * phones, students through their school (rate set in {@link #writeHousehold}). The provincial app is 皖事通 in
     * Anhui and 蒙速办 in Inner Mongolia.
     */
    private Channel channel(int headAge, boolean migrantHousehold) {
        Channel provincialApp = spec.root().startsWith("34") ? Channel.WANSHITONG : spec.root().startsWith("15") ? Channel.MENGSUBAN : Channel.TAX_APP;
        double u = random.nextDouble();
        if (migrantHousehold) {
            return u < 0.5 ? Channel.WECHAT : u < 0.7 ? Channel.ALIPAY : u < 0.85 ? provincialApp : u < 0.95 ? Channel.TAX_APP : Channel.BANK;
        }
        if (headAge >= 60) {
            return u < 0.4 ? Channel.COMMUNITY_AGENT : u < 0.6 ? Channel.BANK : u < 0.7 ? Channel.TAX_HALL : u < 0.95 ? Channel.WECHAT : provincialApp;
        }
        return u < 0.45 ? Channel.WECHAT : u < 0.57 ? Channel.ALIPAY : u < 0.69 ? provincialApp : u < 0.77 ? Channel.TAX_APP
                : u < 0.85 ? Channel.BANK : u < 0.88 ? Channel.TAX_HALL : Channel.COMMUNITY_AGENT;
    }

    /** Sep 1 to the as-of date; 40% spread evenly, 60% bunched in the two weeks before the end of each month. */
    private LocalDateTime paymentMoment() {
        LocalDate start = LocalDate.of(spec.coverageYear() - 1, 9, 1);
        int days = (int) (spec.asOf().toEpochDay() - start.toEpochDay());
        int day;
        if (random.nextDouble() < 0.4) {
            day = random.nextInt(days + 1);
        } else {
            LocalDate monthEnd = start.plusMonths(random.nextInt(4)).withDayOfMonth(1).plusMonths(1).minusDays(1);
            day = (int) Math.min(days, monthEnd.toEpochDay() - start.toEpochDay() - random.nextInt(14));
        }
        return start.plusDays(day).atTime(8 + random.nextInt(14), random.nextInt(60), random.nextInt(60));
    }

    /**
     * The tax bureau's rows for one payer, with the faults real files carry: the same row sent twice (0.3%), a
     * second payment by another family member (0.2%), a payment reversed and paid again (0.1%), last year's
     * amount (0.1%), a row with a broken field (0.1%), and payers not in our register (0.15%, from another county).
     */
    private void writePayments(Person p, Village village, Channel channel, LocalDateTime paidAt, Output payments) {
        if (recentPayments.size() >= 256) {
            payments.line(recentPayments.poll());
        }
        String unit = "国家税务总局" + village.countyName() + "税务局";
        String tx = transactionId();
        double u = random.nextDouble();
        String amount = u < 0.001 ? (spec.coverageYear() <= 2024 ? "350.00" : "380.00") : premium;
        String row = Output.csv(tx, p.documentNumber(), p.name(), amount, String.valueOf(spec.coverageYear()), channel.chineseName(),
                moment(paidAt), unit, village.townshipCode(), PaymentKind.PAYMENT.chineseName(), "");
        if (u >= 0.001 && u < 0.002) {
            row = broken(row, tx, p, unit, village, paidAt, channel);
            count("payment rows with an error", 1);
        } else {
            channelCounts.merge(channel, 1L, Long::sum);
        }
        payments.line(row);
        count("payments", 1);
        double v = random.nextDouble();
        if (v < 0.003) {
            later(row);
            count("payment rows sent twice", 1);
        } else if (v < 0.005) {
            later(Output.csv(transactionId(), p.documentNumber(), p.name(), premium, String.valueOf(spec.coverageYear()),
                    Channel.WECHAT.chineseName(), moment(paidAt.plusDays(3)), unit, village.townshipCode(), PaymentKind.PAYMENT.chineseName(), ""));
            count("people who paid twice", 1);
        } else if (v < 0.006) {
            later(Output.csv(transactionId(), p.documentNumber(), p.name(), amount, String.valueOf(spec.coverageYear()), channel.chineseName(),
                    moment(paidAt.plusHours(2)), unit, village.townshipCode(), PaymentKind.REVERSAL.chineseName(), tx));
            later(Output.csv(transactionId(), p.documentNumber(), p.name(), premium, String.valueOf(spec.coverageYear()), channel.chineseName(),
                    moment(paidAt.plusHours(3)), unit, village.townshipCode(), PaymentKind.PAYMENT.chineseName(), ""));
            count("payments reversed and paid again", 1);
        }
        if (random.nextDouble() < 0.0015) {
            LocalDate birth = p.birth().minusDays(random.nextInt(3000));
            String outsider = idNumber("340322", birth, random.nextBoolean());
            payments.line(Output.csv(transactionId(), outsider, p.name().charAt(0) + "某", premium, String.valueOf(spec.coverageYear()),
                    channel.chineseName(), moment(paidAt), unit, village.townshipCode(), PaymentKind.PAYMENT.chineseName(), ""));
            count("payers not in the register", 1);
        }
    }

    private String broken(String row, String tx, Person p, String unit, Village village, LocalDateTime paidAt, Channel channel) {
        String year = String.valueOf(spec.coverageYear());
        String number = p.documentNumber();
        return switch (random.nextInt(5)) {
            case 0 -> Output.csv(tx, number.substring(0, 17) + (number.charAt(17) == '0' ? '1' : '0'), p.name(), premium, year,
                    channel.chineseName(), moment(paidAt), unit, village.townshipCode(), "", "");
            case 1 -> Output.csv(tx, number, p.name(), "四百元", year, channel.chineseName(), moment(paidAt), unit, village.townshipCode(), "", "");
            case 2 -> Output.csv(tx, number, "", premium, year, channel.chineseName(), moment(paidAt), unit, village.townshipCode(), "", "");
            case 3 -> Output.csv(tx, number, p.name(), premium, year, "现金", moment(paidAt), unit, village.townshipCode(), "", "");
            default -> Output.csv(tx, number, p.name(), premium, year, channel.chineseName(), "2024/13/40", unit, village.townshipCode(), "", "");
        };
    }

    /** Holds a row back and releases it a few hundred rows later, as re-sent rows arrive in a later export. */
    private void later(String row) {
        recentPayments.add(row);
    }

    private String transactionId() {
        transactions++;
        return "SW" + spec.coverageYear() + spec.root() + pad(transactions, 10);
    }

    /** Zero-padded decimal; String.format is the slowest thing in a million-row loop. */
    static String pad(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /** {@code yyyy-MM-dd HH:mm:ss}, the form the payment import reads. */
    static String moment(LocalDateTime t) {
        return t.toLocalDate() + " " + pad(t.getHour(), 2) + ":" + pad(t.getMinute(), 2) + ":" + pad(t.getSecond(), 2);
    }

    private void count(String what, long n) {
        figures.merge(what, n, Long::sum);
    }

    private void writeManifest(Path directory, Map<String, String> hashes) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("# Synthetic population (cn.canbao.web.population.PopulationGenerator)\n");
        text.append("seed=").append(spec.seed()).append('\n');
        text.append("residents=").append(spec.residents()).append('\n');
        text.append("root=").append(spec.root()).append('\n');
        text.append("coverage-year=").append(spec.coverageYear()).append('\n');
        text.append("as-of=").append(spec.asOf()).append('\n');
        text.append("\n# file | data rows | sha256\n");
        hashes.forEach((file, hash) -> text.append(file).append(" | ").append(rowCounts.get(file)).append(" | ").append(hash).append('\n'));
        text.append("\n# figures\n");
        figures.forEach((what, n) -> text.append(what).append(" = ").append(n).append('\n'));
        Files.writeString(directory.resolve(MANIFEST), text, StandardCharsets.UTF_8);
    }

    private Output open(Path directory, String file, Map<String, String> hashes) throws IOException {
        return new Output(directory.resolve(file), file, hashes, rowCounts);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A UTF-8 CSV file that hashes what it writes and counts its data rows (the header excluded). */
    static final class Output implements AutoCloseable {
        private final String name;
        private final MessageDigest digest;
        private final BufferedWriter writer;
        private final Map<String, String> hashes;
        private final Map<String, Long> rowCounts;
        private long lines;

        Output(Path path, String name, Map<String, String> hashes, Map<String, Long> rowCounts) throws IOException {
            this.name = name;
            this.hashes = hashes;
            this.rowCounts = rowCounts;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            OutputStream out = new DigestOutputStream(Files.newOutputStream(path), digest);
            this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        }

        void row(String... cells) {
            line(csv(cells));
        }

        void line(String line) {
            try {
                writer.write(line);
                writer.write('\n');
                lines++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static String csv(String... cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    line.append(',');
                }
                String cell = cells[i];
                if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0) {
                    line.append('"').append(cell.replace("\"", "\"\"")).append('"');
                } else {
                    line.append(cell);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            writer.close();
            hashes.put(name, HexFormat.of().formatHex(digest.digest()));
            rowCounts.put(name, Math.max(0, lines - 1));
        }
    }
}
