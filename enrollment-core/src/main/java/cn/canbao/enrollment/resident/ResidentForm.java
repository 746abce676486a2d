package cn.canbao.enrollment.resident;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import cn.canbao.enrollment.common.FieldProblem;
import cn.canbao.enrollment.person.Check;
import cn.canbao.enrollment.person.DocumentType;
import cn.canbao.enrollment.person.IdentityDocument;
import cn.canbao.enrollment.person.PersonKey;
import cn.canbao.enrollment.person.PersonName;
import cn.canbao.enrollment.person.Sex;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionLevel;

/**
 * What a worker enters to register or edit a resident. {@link #validate} returns the checked
 * values or the problems per field (the field names are this record's component names, so forms
 * show each error next to its input). Sex and birth date may be left empty when the document
 * carries them; when both are given they must agree.
 */
public record ResidentForm(
        String name,
        DocumentType documentType,
        String documentNumber,
        Sex sex,
        LocalDate birthDate,
        Long householdId,
        String relationToHead,
        String hukouRegionCode,
        String regionCode,
        ParticipantCategory category,
        String phone,
        String school,
        LocalDate diedOn) {

    /** The checked form: every value valid, derived values filled in. */
    public record Valid(String name, IdentityDocument document, PersonKey personKey, Sex sex, LocalDate birthDate,
            Long householdId, String relationToHead, String hukouRegionCode, RegionCode region,
            ParticipantCategory category, String phone, String school, LocalDate diedOn) {
    }

    public record Validation(Valid value, List<FieldProblem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public Validation validate(LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        DocumentType type = documentType == null ? DocumentType.RESIDENT_ID : documentType;
        Check<String> checkedName = PersonName.check(name, type);
        if (!checkedName.valid()) {
            problems.add(new FieldProblem("name", checkedName.reason()));
        }
        Check<IdentityDocument> document = IdentityDocument.check(type, documentNumber, today);
        if (!document.valid()) {
            problems.add(new FieldProblem("documentNumber", document.reason()));
        }
        Sex effectiveSex = sex;
        LocalDate effectiveBirth = birthDate;
        if (document.valid() && document.value().carriesOwnBirthDateAndSex()) {
            Sex derivedSex = document.value().sex().orElseThrow();
            LocalDate derivedBirth = document.value().birthDate().orElseThrow();
            if (sex != null && sex != derivedSex) {
                problems.add(new FieldProblem("sex", "性别与证件号码不符（证件为" + derivedSex.chineseName() + "）"));
            }
            if (birthDate != null && !birthDate.equals(derivedBirth)) {
                problems.add(new FieldProblem("birthDate", "出生日期与证件号码不符（证件为" + derivedBirth + "）"));
            }
            effectiveSex = derivedSex;
            effectiveBirth = derivedBirth;
        } else if (!IdentityDocument.numberCarriesBirthDateAndSex(type)) {
            // A wrong GB 11643 number is reported on the number alone: sex and birth date follow from the corrected one.
            if (sex == null) {
                problems.add(new FieldProblem("sex", "该证件类型须填写性别"));
            }
            if (birthDate == null) {
                problems.add(new FieldProblem("birthDate", "该证件类型须填写出生日期"));
            }
        }
        if (effectiveBirth != null && effectiveBirth.isAfter(today)) {
            problems.add(new FieldProblem("birthDate", "出生日期不能晚于今天"));
        }
        RegionCode region = null;
        try {
            region = regionCode == null ? null : RegionCode.of(regionCode);
        } catch (IllegalArgumentException e) {
            region = null;
        }
        if (region == null || (region.level() != RegionLevel.TOWNSHIP && region.level() != RegionLevel.VILLAGE)) {
            problems.add(new FieldProblem("regionCode", "请选择参保所在乡镇（街道）或村（社区）"));
            region = null;
        }
        String hukou = blankToNull(hukouRegionCode);
        if (hukou != null) {
            try {
                RegionCode.of(hukou);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("hukouRegionCode", "户籍地区划代码应为6位或12位行政区划代码"));
            }
        }
        if (category == null) {
            problems.add(new FieldProblem("category", "请选择参保类别"));
        }
        String cleanPhone = blankToNull(phone);
        if (cleanPhone != null && !cleanPhone.matches("1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}")) {
            problems.add(new FieldProblem("phone", "联系电话应为11位手机号或带区号的固定电话"));
        }
        if (type == DocumentType.PARENT_ID_FOR_DECEASED_NEWBORN) {
            if (diedOn == null) {
                problems.add(new FieldProblem("diedOn", "登记前死亡的新生儿须填写死亡日期（凭《死亡证明》）"));
            }
            if (category != null && category != ParticipantCategory.NEWBORN) {
                problems.add(new FieldProblem("category", "登记前死亡的新生儿参保类别应为新生儿"));
            }
        }
        if (type == DocumentType.HK_MO_TW_RESIDENCE_PERMIT && category != null && category != ParticipantCategory.HK_MO_TW_RESIDENT) {
            problems.add(new FieldProblem("category", "持港澳台居民居住证者参保类别应为港澳台居民"));
        }
        if (diedOn != null && effectiveBirth != null && diedOn.isBefore(effectiveBirth)) {
            problems.add(new FieldProblem("diedOn", "死亡日期不能早于出生日期"));
        }
        if (diedOn != null && diedOn.isAfter(today)) {
            problems.add(new FieldProblem("diedOn", "死亡日期不能晚于今天"));
        }
        if (!problems.isEmpty()) {
            return new Validation(null, problems);
        }
        PersonKey key = PersonKey.of(document.value(), effectiveBirth);
        return new Validation(new Valid(checkedName.value(), document.value(), key, effectiveSex, effectiveBirth,
                householdId, blankToNull(relationToHead), hukou, region, category, cleanPhone, blankToNull(school), diedOn),
                List.of());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
