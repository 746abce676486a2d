package cn.canbao.enrollment.roster;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.canbao.enrollment.person.Check;
import cn.canbao.enrollment.person.DocumentType;
import cn.canbao.enrollment.person.IdentityDocument;
import cn.canbao.enrollment.person.PersonKey;
import cn.canbao.enrollment.person.PersonName;
import cn.canbao.enrollment.person.ResidentIdNumber;
import cn.canbao.enrollment.person.Sex;
import cn.canbao.policy.Identity;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.region.RegionCode;
import cn.canbao.tabular.Column;
import cn.canbao.tabular.MappedRow;
import cn.canbao.tabular.RowMapper;
import cn.canbao.tabular.RowOutcome;

/**
 * Validates one roster line: name, document (GB 11643 for ID numbers), sex and birth date
 * (derived from the ID, or required), region (a township or village inside the importer's region
 * that exists), identity (one this department may establish), validity dates, school, category.
 * The first problem found rejects the line with its field and reason.
 */
public final class RosterRowMapper implements RowMapper<RosterRow> {

    private static final Pattern DATE = Pattern.compile("(\\d{4})[-/.年]?(\\d{1,2})[-/.月]?(\\d{1,2})日?(?:[ T].*)?");
    private static final Set<ParticipantCategory> STUDENT_CATEGORIES = EnumSet.of(ParticipantCategory.STUDENT,
            ParticipantCategory.COLLEGE_STUDENT, ParticipantCategory.PRESCHOOL_CHILD);
    /** Every name an identity cell may give, as written (also read by {@link StatementLines}). */
    static final Map<String, Identity> IDENTITY_NAMES = identityNames();

    private final RosterType type;
    private final RegionCode importerRegion;
    /** The 12-digit codes of the townships and villages within {@code importerRegion}. */
    private final Set<String> knownRegions;
    private final LocalDate today;
    private final LocalDate sourceDate;
    private final List<Column> columns;

    public RosterRowMapper(RosterType type, RegionCode importerRegion, Set<String> knownRegions, LocalDate today,
            LocalDate sourceDate) {
        this.type = type;
        this.importerRegion = importerRegion;
        this.knownRegions = knownRegions;
        this.today = today;
        this.sourceDate = sourceDate;
        this.columns = columnsOf(type);
    }

    public static List<Column> columnsOf(RosterType type) {
        List<Column> columns = new ArrayList<>(List.of(
                Column.required("name", "姓名", "name"),
                Column.optional("documentType", "证件类型", "document type", "documentType"),
                Column.required("documentNumber", "证件号码", "身份证号码", "身份证号", "公民身份号码", "document number", "documentNumber", "id number"),
                Column.optional("sex", "性别", "sex"),
                Column.optional("birthDate", "出生日期", "birth date", "birthDate"),
                Column.required("regionCode", "所属乡镇村代码", "区划代码", "地区代码", "region code", "regionCode"),
                Column.optional("phone", "联系电话", "电话", "phone")));
        switch (type) {
            case EDUCATION -> {
                columns.add(Column.required("school", "学校", "学校名称", "school"));
                columns.add(Column.optional("category", "参保类别", "category"));
            }
            case HOSPITAL_NEWBORN -> {
            }
            default -> {
                columns.add(type.identityColumnRequired()
                        ? Column.required("identity", "身份类别", "身份", "identity")
                        : Column.optional("identity", "身份类别", "身份", "identity"));
                columns.add(Column.optional("validFrom", "有效期起", "认定日期", "valid from", "validFrom"));
                columns.add(Column.optional("validTo", "有效期止", "valid to", "validTo"));
            }
        }
        return List.copyOf(columns);
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public RowOutcome<RosterRow> map(MappedRow row) {
        Optional<DocumentType> documentType = type == RosterType.HOSPITAL_NEWBORN && row.text("documentType") == null
                ? Optional.of(DocumentType.BIRTH_MEDICAL_CERTIFICATE)
                : DocumentType.parse(row.text("documentType"));
        if (documentType.isEmpty()) {
            return row.reject("documentType", "未知的证件类型“" + row.text("documentType") + "”");
        }
        if (documentType.get() == DocumentType.PARENT_ID_FOR_DECEASED_NEWBORN) {
            return row.reject("documentType", "登记前死亡新生儿须在窗口办理，不能通过名单导入");
        }
        Check<String> name = PersonName.check(row.text("name"), documentType.get());
        if (!name.valid()) {
            return row.reject("name", name.reason());
        }
        Check<IdentityDocument> document = IdentityDocument.check(documentType.get(), row.text("documentNumber"), today);
        if (!document.valid()) {
            return row.reject("documentNumber", document.reason());
        }
        Sex sex = null;
        if (row.text("sex") != null) {
            Optional<Sex> parsed = Sex.parse(row.text("sex"));
            if (parsed.isEmpty()) {
                return row.reject("sex", "性别应为男或女");
            }
            sex = parsed.get();
        }
        LocalDate birth = null;
        if (row.text("birthDate") != null) {
            birth = parseDate(row.text("birthDate"));
            if (birth == null) {
                return row.reject("birthDate", "日期格式应为yyyy-MM-dd");
            }
        }
        IdentityDocument doc = document.value();
        if (doc.carriesOwnBirthDateAndSex()) {
            // The number was just checked: its birth date and sex are read from the digits, not validated again.
            Sex ownSex = ResidentIdNumber.sexOf(doc.number());
            LocalDate ownBirth = ResidentIdNumber.birthDateOf(doc.number());
            if (sex != null && sex != ownSex) {
                return row.reject("sex", "性别与证件号码不符");
            }
            if (birth != null && !birth.equals(ownBirth)) {
                return row.reject("birthDate", "出生日期与证件号码不符");
            }
            sex = ownSex;
            birth = ownBirth;
        } else if (sex == null) {
            return row.reject("sex", "该证件类型须填写性别");
        } else if (birth == null) {
            return row.reject("birthDate", "该证件类型须填写出生日期");
        }
        if (birth.isAfter(today)) {
            return row.reject("birthDate", "出生日期不能晚于今天");
        }
        String regionText = row.text("regionCode");
        // The known regions are exactly the 12-digit codes within the importer's region: one lookup
        // settles a good code; the checks below only run to name what is wrong with a bad one.
        if (!knownRegions.contains(regionText)) {
            RegionCode region;
            try {
                region = RegionCode.of(regionText);
            } catch (IllegalArgumentException e) {
                return row.reject("regionCode", "地区代码应为12位乡镇或村代码");
            }
            if (region.value().length() != 12) {
                return row.reject("regionCode", "地区代码应为12位乡镇或村代码");
            }
            if (!region.isWithin(importerRegion)) {
                return row.reject("regionCode", "地区" + region + "不在导入人所属地区内");
            }
            return row.reject("regionCode", "地区代码" + region + "不存在");
        }
        String phone = row.text("phone");
        if (phone != null && !phone.matches("1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}")) {
            return row.reject("phone", "联系电话应为11位手机号或带区号的固定电话");
        }
        ParticipantCategory category = ParticipantCategory.RESIDENT;
        String school = null;
        Identity identity = null;
        LocalDate validFrom = null;
        LocalDate validTo = null;
        switch (type) {
            case EDUCATION -> {
                school = row.text("school");
                if (school == null) {
                    return row.reject("school", "学校为空");
                }
                if (school.charAt(0) == '=' || school.charAt(0) == '+' || school.charAt(0) == '@') {
                    return row.reject("school", "学校名称不能以=、+、@开头");
                }
                category = ParticipantCategory.STUDENT;
                String categoryText = row.text("category");
                if (categoryText != null) {
                    Optional<ParticipantCategory> parsed = parseCategory(categoryText);
                    if (parsed.isEmpty() || !STUDENT_CATEGORIES.contains(parsed.get())) {
                        return row.reject("category", "参保类别应为在校学生、大学生或学龄前儿童");
                    }
                    category = parsed.get();
                }
            }
            case HOSPITAL_NEWBORN -> {
                category = ParticipantCategory.NEWBORN;
                if (birth.isBefore(today.minusYears(1))) {
                    return row.reject("birthDate", "新生儿名单只收一周岁以内的新生儿");
                }
            }
            default -> {
                String identityText = row.text("identity");
                if (identityText == null) {
                    if (type.identityColumnRequired()) {
                        return row.reject("identity", "身份类别为空");
                    }
                    identity = type.identities().iterator().next();
                } else {
                    identity = IDENTITY_NAMES.get(identityText);
                    if (identity == null) {
                        identity = IDENTITY_NAMES.get(normalise(identityText));
                    }
                    if (identity == null) {
                        return row.reject("identity", "未知的身份类别“" + identityText + "”");
                    }
                    if (!type.identities().contains(identity)) {
                        return row.reject("identity", identity.chineseName() + "不由" + type.chineseName().split("：")[0] + "认定");
                    }
                }
                validFrom = sourceDate;
                if (row.text("validFrom") != null) {
                    validFrom = parseDate(row.text("validFrom"));
                    if (validFrom == null) {
                        return row.reject("validFrom", "日期格式应为yyyy-MM-dd");
                    }
                }
                if (row.text("validTo") != null) {
                    validTo = parseDate(row.text("validTo"));
                    if (validTo == null) {
                        return row.reject("validTo", "日期格式应为yyyy-MM-dd");
                    }
                    if (validTo.isBefore(validFrom)) {
                        return row.reject("validTo", "有效期止不能早于有效期起");
                    }
                }
            }
        }
        PersonKey key = PersonKey.of(doc, birth);
        return RowOutcome.mapped(row.line(), new RosterRow(row.line(), name.value(), doc, key, sex, birth, regionText, category,
                phone, school, identity, validFrom, validTo));
    }

    static LocalDate parseDate(String text) {
        Matcher m = DATE.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        if (year < 1900) {
            // Not a date anyone means; PostgreSQL would also refuse year 0 and fail the whole import.
            return null;
        }
        try {
            return LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Optional<ParticipantCategory> parseCategory(String text) {
        for (ParticipantCategory c : ParticipantCategory.values()) {
            if (c.name().equalsIgnoreCase(text) || c.chineseName().equals(text)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static String normalise(String text) {
        return text.strip().replace('(', '（').replace(')', '）').toUpperCase(Locale.ROOT);
    }

    private static Map<String, Identity> identityNames() {
        Map<String, Identity> names = new HashMap<>();
        for (Identity identity : Identity.values()) {
            names.put(identity.name(), identity);
            names.put(normalise(identity.chineseName()), identity);
        }
        names.put("特困供养人员", Identity.TEKUN);
        names.put("低保户", Identity.DIBAO);
        names.put("低保", Identity.DIBAO);
        names.put("低保边缘", Identity.DIBAO_MARGINAL);
        names.put("监测户", Identity.MONITORED);
        names.put("监测人口", Identity.MONITORED);
        names.put("监测对象", Identity.MONITORED);
        names.put("脱贫人口", Identity.POVERTY_ALLEVIATED);
        names.put("脱贫享受政策人员（过渡期内）", Identity.POVERTY_ALLEVIATED);
        names.put("重度残疾", Identity.SEVERE_DISABILITY);
        names.put("重点优抚对象", Identity.ENTITLED_VETERAN);
        names.put("独女户", Identity.ONLY_DAUGHTER_FAMILY);
        names.put("农村独女户", Identity.ONLY_DAUGHTER_FAMILY);
        names.put("农村双女户", Identity.ONLY_DAUGHTER_FAMILY);
        names.put("独男户", Identity.ONLY_SON_FAMILY);
        return Map.copyOf(names);
    }
}
