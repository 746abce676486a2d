package cn.canbao.enrollment.resident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.canbao.audit.AuditLog;
import cn.canbao.enrollment.common.ConflictException;
import cn.canbao.enrollment.common.FieldProblem;
import cn.canbao.enrollment.common.InvalidRequestException;
import cn.canbao.enrollment.common.RegionAccessDeniedException;
import cn.canbao.enrollment.person.DocumentType;
import cn.canbao.enrollment.person.Sex;
import cn.canbao.enrollment.support.AnotherCounty;
import cn.canbao.enrollment.support.EnrollmentTestConfiguration;
import cn.canbao.enrollment.support.TestPeople;
import cn.canbao.policy.ParticipantCategory;

@SpringBootTest(classes = EnrollmentTestConfiguration.class)
class ResidentServiceTest {

    @Autowired
    ResidentService service;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTownshipWorkerRegistersAHouseholdAndItsMembersWithDerivedBirthDateAndSex() {
        Household household = service.createHousehold(TestPeople.YINFENG_WORKER, null, TestPeople.YINFENG, "引凤街道1号");
        String id = TestPeople.idNumber(LocalDate.of(1985, 3, 4), false);
        ResidentForm head = new ResidentForm("王芳", DocumentType.RESIDENT_ID, id, null, null, household.id(), "户主", "340321",
                TestPeople.YINFENG, ParticipantCategory.RESIDENT, "13912345678", null, null);

        Resident resident = service.register(TestPeople.YINFENG_WORKER, head);

        assertThat(resident.birthDate()).isEqualTo(LocalDate.of(1985, 3, 4));
        assertThat(resident.sex()).isEqualTo(Sex.FEMALE);
        assertThat(resident.countyCode()).isEqualTo("340321");
        assertThat(service.household(TestPeople.YINFENG_WORKER, household.id()).members()).extracting(Resident::name)
                .containsExactly("王芳");
        assertThat(audit.forEntity("resident", Long.toString(resident.id()))).singleElement()
                .satisfies(r -> assertThat(r.after()).contains("********").doesNotContain(id));
    }

    @Test
    void invalidInputIsRefusedWithAProblemPerFieldAndNothingIsStored() {
        ResidentForm bad = new ResidentForm("张3", DocumentType.RESIDENT_ID, "110105194912310021", Sex.MALE, null, null, null,
                "34", "340321", null, "12345", null, null);

        assertThatThrownBy(() -> service.register(TestPeople.COUNTY_STAFF, bad))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field)
                        .contains("name", "documentNumber", "regionCode", "hukouRegionCode", "category", "phone"));
        assertThat(service.search(TestPeople.COUNTY_STAFF, new ResidentQuery(null, null, "110105194912310021", null, null), 0, 10)
                .content()).isEmpty();
    }

    @Test
    void aSexThatContradictsTheIdNumberIsRefusedOnTheSexField() {
        ResidentForm form = new ResidentForm("李明", DocumentType.RESIDENT_ID, TestPeople.idNumber(LocalDate.of(1990, 1, 1), true),
                Sex.FEMALE, null, null, null, null, TestPeople.YINFENG, ParticipantCategory.RESIDENT, null, null, null);

        assertThatThrownBy(() -> service.register(TestPeople.YINFENG_WORKER, form))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("sex"));
    }

    @Test
    void theSamePersonByResidencePermitIsRecognisedAsAlreadyRegistered() {
        ResidentForm byId = TestPeople.adult("赵六", TestPeople.YINFENG);
        service.register(TestPeople.YINFENG_WORKER, byId);
        ResidentForm byPermit = new ResidentForm("赵六", DocumentType.RESIDENCE_PERMIT, byId.documentNumber(), null, null, null,
                null, null, TestPeople.YINFENG, ParticipantCategory.NON_LOCAL_RESIDENT, null, null, null);

        assertThatThrownBy(() -> service.register(TestPeople.COUNTY_STAFF, byPermit))
                .isInstanceOf(ConflictException.class).hasMessageContaining("已登记");
    }

    @Test
    void aWorkerCannotRegisterOrReadResidentsOfAnotherTownship() {
        Resident other = service.register(TestPeople.COUNTY_STAFF, TestPeople.adult("孙七", TestPeople.WANGHUAI));

        assertThatThrownBy(() -> service.get(TestPeople.YINFENG_WORKER, other.id())).isInstanceOf(RegionAccessDeniedException.class);
        assertThatThrownBy(() -> service.register(TestPeople.YINFENG_WORKER, TestPeople.adult("周八", TestPeople.WANGHUAI)))
                .isInstanceOf(RegionAccessDeniedException.class);
        assertThat(service.search(TestPeople.YINFENG_WORKER, new ResidentQuery(null, "孙七", null, null, null), 0, 50).content())
                .extracting(Resident::id).doesNotContain(other.id());
        assertThat(service.search(TestPeople.COUNTY_STAFF, new ResidentQuery(null, "孙七", null, null, null), 0, 50).content())
                .extracting(Resident::id).contains(other.id());
    }

    @Test
    void anEditWithAStaleVersionIsAConflictAndChangesNothing() {
        ResidentForm form = TestPeople.adult("吴九", TestPeople.YINFENG);
        Resident created = service.register(TestPeople.YINFENG_WORKER, form);
        ResidentForm renamed = new ResidentForm("吴久", form.documentType(), form.documentNumber(), null, null, null, null,
                form.hukouRegionCode(), form.regionCode(), form.category(), form.phone(), null, null);
        service.update(TestPeople.YINFENG_WORKER, created.id(), created.version(), renamed);

        assertThatThrownBy(() -> service.update(TestPeople.YINFENG_WORKER, created.id(), created.version(), form))
                .isInstanceOf(ConflictException.class);
        assertThat(service.get(TestPeople.YINFENG_WORKER, created.id()).name()).isEqualTo("吴久");
    }

    @Test
    void aNewbornWhoDiedBeforeRegistrationIsRegisteredUnderTheParentsIdWithoutTakingTheParentsPlace() {
        ResidentForm parent = TestPeople.adult("郑十", TestPeople.YINFENG);
        service.register(TestPeople.YINFENG_WORKER, parent);
        ResidentForm newborn = new ResidentForm("郑十XSE", DocumentType.PARENT_ID_FOR_DECEASED_NEWBORN, parent.documentNumber(),
                Sex.MALE, LocalDate.of(2024, 9, 20), null, null, null, TestPeople.YINFENG, ParticipantCategory.NEWBORN, null, null,
                LocalDate.of(2024, 9, 25));

        Resident registered = service.register(TestPeople.YINFENG_WORKER, newborn);

        assertThat(registered.personKey().value()).startsWith("XS").endsWith("20240920");
        assertThat(registered.birthDate()).isEqualTo(LocalDate.of(2024, 9, 20));
    }

    @Test
    void revealingAFullDocumentNumberNeedsAReasonAndIsAudited() {
        Resident resident = service.register(TestPeople.YINFENG_WORKER, TestPeople.adult("钱一", TestPeople.YINFENG));

        assertThatThrownBy(() -> service.revealDocumentNumber(TestPeople.YINFENG_WORKER, resident.id(), " "))
                .isInstanceOf(InvalidRequestException.class);
        String number = service.revealDocumentNumber(TestPeople.YINFENG_WORKER, resident.id(), "核对缴费凭证");

        assertThat(number).isEqualTo(resident.document().number());
        assertThat(audit.forEntity("resident", Long.toString(resident.id())))
                .anySatisfy(r -> assertThat(r.action()).isEqualTo("DOCUMENT_NUMBER_REVEALED"));
    }

    @Test
    void aVillageMissingFromTheRegionTableIsRefusedOnTheRegionFieldAndNothingIsStored() {
        ResidentForm form = TestPeople.adult("冯二", "340321001299");

        assertThatThrownBy(() -> service.register(TestPeople.YINFENG_WORKER, form))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .containsExactly(new FieldProblem("regionCode", "地区代码340321001299不存在")));
        assertThat(service.search(TestPeople.COUNTY_STAFF, new ResidentQuery(null, null, form.documentNumber(), null, null), 0, 10)
                .content()).isEmpty();
    }

    @Test
    void registeringThePersonAgainNamesWhereTheyAreRegisteredAndWritesNoSecondRowOrAuditEntry() {
        ResidentForm form = TestPeople.adult("陈三", TestPeople.YINFENG);
        Resident first = service.register(TestPeople.YINFENG_WORKER, form);

        assertThatThrownBy(() -> service.register(TestPeople.COUNTY_STAFF, form))
                .isInstanceOf(ConflictException.class).hasMessageContaining("陈三").hasMessageContaining(TestPeople.YINFENG);
        assertThat(service.search(TestPeople.COUNTY_STAFF, new ResidentQuery(null, null, form.documentNumber(), null, null), 0, 10)
                .content()).extracting(Resident::id).containsExactly(first.id());
        assertThat(audit.forEntity("resident", Long.toString(first.id()))).extracting(r -> r.action())
                .containsExactly("RESIDENT_REGISTERED");
    }

    @Test
    void aResidentsRegionCanChangeWithinTheCountyButAMoveToAnotherCountyIsRefused() {
        AnotherCounty.ensure(jdbc);
        ResidentForm form = TestPeople.adult("钱塘", TestPeople.YINFENG);
        Resident created = service.register(TestPeople.YINFENG_WORKER, form);
        Resident moved = service.update(AnotherCounty.CITY_STAFF, created.id(), created.version(), withRegion(form, TestPeople.WANGHUAI));

        assertThat(moved.regionCode()).isEqualTo(TestPeople.WANGHUAI);
        assertThatThrownBy(() -> service.update(AnotherCounty.CITY_STAFF, created.id(), moved.version(),
                withRegion(form, AnotherCounty.TOWNSHIP)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .containsExactly(new FieldProblem("regionCode", "居民登记地只能在本县（区）内变更，跨县（区）迁移须办理转移接续")));
        assertThat(service.get(AnotherCounty.CITY_STAFF, created.id()).regionCode()).isEqualTo(TestPeople.WANGHUAI);
    }

    @Test
    void aResidentJoinsOnlyAHouseholdOfTheCountyWhereTheyAreRegistered() {
        AnotherCounty.ensure(jdbc);
        Household elsewhere = service.createHousehold(AnotherCounty.CITY_STAFF, null, AnotherCounty.TOWNSHIP, null);
        ResidentForm adult = TestPeople.adult("孙河", TestPeople.YINFENG);
        ResidentForm member = new ResidentForm(adult.name(), adult.documentType(), adult.documentNumber(), null, null,
                elsewhere.id(), "子", adult.hukouRegionCode(), adult.regionCode(), adult.category(), adult.phone(), null, null);

        assertThatThrownBy(() -> service.register(AnotherCounty.CITY_STAFF, member))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .containsExactly(new FieldProblem("householdId", "该户不在居民登记地所在县（区）")));
        assertThat(service.household(AnotherCounty.CITY_STAFF, elsewhere.id()).members()).isEmpty();
    }

    private static ResidentForm withRegion(ResidentForm form, String regionCode) {
        return new ResidentForm(form.name(), form.documentType(), form.documentNumber(), form.sex(), form.birthDate(),
                form.householdId(), form.relationToHead(), form.hukouRegionCode(), regionCode, form.category(), form.phone(),
                form.school(), form.diedOn());
    }
}
