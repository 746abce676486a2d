package cn.canbao.enrollment.enrollment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import cn.canbao.enrollment.common.FieldProblem;
import cn.canbao.enrollment.person.DocumentType;
import cn.canbao.enrollment.resident.Resident;
import cn.canbao.policy.ParticipantCategory;

/**
 * Pure rules of the enrollment flows and of the coverage period; no database, so every case is a
 * fast unit test. Problems are returned, not thrown.
 */
public final class EnrollmentRules {

    /** 出生后90天（含90天）内 (呼医保发〔2024〕13号 五（四）; 乌政办发〔2023〕81号 一（三）). */
    public static final int NEWBORN_DAYS = 90;
    private static final Set<ParticipantCategory> STUDENTS = EnumSet.of(ParticipantCategory.STUDENT,
            ParticipantCategory.COLLEGE_STUDENT, ParticipantCategory.PRESCHOOL_CHILD);
    private static final Set<ParticipantCategory> NON_LOCAL = EnumSet.of(ParticipantCategory.NON_LOCAL_RESIDENT,
            ParticipantCategory.HK_MO_TW_RESIDENT, ParticipantCategory.FOREIGN_EXPERT_FAMILY);

    private EnrollmentRules() {
    }

    public static boolean withinNewbornWindow(LocalDate birthDate, LocalDate date) {
        return birthDate != null && !date.isBefore(birthDate) && !date.isAfter(birthDate.plusDays(NEWBORN_DAYS));
    }

    /** Problems that keep this resident out of this flow for this year, registered on {@code today}. */
    public static List<FieldProblem> check(Resident resident, EnrollmentFlow flow, int coverageYear, String school,
            LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        if (coverageYear < today.getYear() - 1 || coverageYear > today.getYear() + 1) {
            problems.add(new FieldProblem("coverageYear", "只能办理上一年度至下一年度的参保"));
        }
        boolean deceasedNewborn = resident.document().type() == DocumentType.PARENT_ID_FOR_DECEASED_NEWBORN;
        if (resident.diedOn() != null && !deceasedNewborn) {
            problems.add(new FieldProblem("residentId", "该居民已死亡，不能参保"));
        }
        if (deceasedNewborn != (flow == EnrollmentFlow.NEWBORN_DIED_BEFORE_REGISTRATION)) {
            problems.add(new FieldProblem("flow", deceasedNewborn
                    ? "以父母身份证登记的死亡新生儿应按“登记前死亡新生儿”办理"
                    : "“登记前死亡新生儿”须以父母身份证（其他证件类型）登记"));
        }
        switch (flow) {
            case NEWBORN, NEWBORN_DIED_BEFORE_REGISTRATION -> {
                if (resident.category() != ParticipantCategory.NEWBORN) {
                    problems.add(new FieldProblem("flow", "参保类别不是新生儿"));
                } else if (resident.birthDate() == null || resident.birthDate().isBefore(today.minusYears(1))) {
                    problems.add(new FieldProblem("flow", "新生儿参保限一周岁以内"));
                }
                if (flow == EnrollmentFlow.NEWBORN_DIED_BEFORE_REGISTRATION
                        && !withinNewbornWindow(resident.birthDate(), today)) {
                    problems.add(new FieldProblem("flow", "登记前死亡的新生儿须在出生之日起90天内办理"));
                }
                if (resident.birthDate() != null && resident.birthDate().getYear() > coverageYear) {
                    problems.add(new FieldProblem("coverageYear", "参保年度早于出生年度"));
                }
            }
            case STUDENT_BY_SCHOOL -> {
                if (!STUDENTS.contains(resident.category())) {
                    problems.add(new FieldProblem("flow", "学校代收仅适用于在校学生、大学生和学龄前儿童"));
                }
                if ((school == null || school.isBlank()) && resident.school() == null) {
                    problems.add(new FieldProblem("school", "请填写学校"));
                }
            }
            case MIGRANT_WORKER -> {
                if (resident.category() != ParticipantCategory.MIGRANT_WORKER) {
                    problems.add(new FieldProblem("flow", "参保类别不是外出务工人员"));
                }
            }
            case NON_LOCAL_RESIDENT -> {
                if (!NON_LOCAL.contains(resident.category())) {
                    problems.add(new FieldProblem("flow", "参保类别不是外地户籍常住人员、港澳台居民或外籍专家家属"));
                }
            }
            case RENEWAL, NEW_OR_LAPSED -> {
                if (resident.category() == ParticipantCategory.NEWBORN && withinNewbornWindow(resident.birthDate(), today)) {
                    problems.add(new FieldProblem("flow", "出生90天内的新生儿请按新生儿办理，以便自出生之日起享受待遇"));
                }
            }
        }
        return problems;
    }

    /**
     * The first day of coverage: payment before the coverage year starts covers the whole year; a
     * newborn paid within 90 days of birth is covered from birth (怀远县2025年度居民医保参保缴费工作方案
     * 三（一）; 呼医保发〔2024〕13号 五（四）); any other payment during the year covers from the next day
     * (怀远县2025年度居民医保参保缴费工作方案 三、三（二）). No waiting period is applied (呼医保发〔2024〕13号 四
     * leaves it to future region rules).
     */
    public static LocalDate coverageStart(EnrollmentFlow flow, LocalDate birthDate, int coverageYear, LocalDate paidOn) {
        LocalDate yearStart = LocalDate.of(coverageYear, 1, 1);
        boolean newborn = flow == EnrollmentFlow.NEWBORN || flow == EnrollmentFlow.NEWBORN_DIED_BEFORE_REGISTRATION;
        if (newborn && birthDate != null && birthDate.getYear() == coverageYear && withinNewbornWindow(birthDate, paidOn)) {
            return birthDate;
        }
        if (paidOn.isBefore(yearStart)) {
            return yearStart;
        }
        return paidOn.plusDays(1);
    }
}
