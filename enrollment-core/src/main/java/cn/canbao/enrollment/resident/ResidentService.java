package cn.canbao.enrollment.resident;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.canbao.audit.Actor;
import cn.canbao.audit.AuditEntry;
import cn.canbao.audit.AuditLog;
import cn.canbao.enrollment.common.ConflictException;
import cn.canbao.enrollment.common.InvalidRequestException;
import cn.canbao.enrollment.common.NotFoundException;
import cn.canbao.enrollment.common.RegionScope;
import cn.canbao.region.RegionCode;

/**
 * Registering and editing residents and households. Every method checks that the records lie in
 * the actor's region, refuses invalid input with problems per field, and audits every change in
 * the same transaction.
 */
@Service
public class ResidentService {

    private static final Pattern REGION_CODE_SHAPE = Pattern.compile("[0-9]{6}|[0-9]{12}");

    private final ResidentRepository residents;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    public ResidentService(ResidentRepository residents, AuditLog audit, JdbcClient jdbc, Clock clock) {
        this.residents = residents;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * Registers a new resident; the same person (by person key) registered before is a conflict naming where. The
     * common case is one INSERT that also checks the region exists and skips a taken person key, plus the audit row
     * (docs/performance.md, registration API); only a refused insert asks which of the two it was.
     */
    @Transactional
    public Resident register(Actor actor, ResidentForm form) {
        ResidentForm.Valid valid = validate(actor, form, false);
        Resident created = residents.insertIfNew(valid).orElseThrow(() -> whyNotInserted(valid));
        audit.record(actor, AuditEntry.success("RESIDENT_REGISTERED", "resident", created.id(), created.regionCode(), null,
                created.auditState()));
        return created;
    }

    /**
     * An unknown region is named first, as validation names it before anything is stored; then who holds the person
     * key (nobody only when an edit moved that key away meanwhile).
     */
    private RuntimeException whyNotInserted(ResidentForm.Valid valid) {
        if (!residents.regionExists(valid.region().value())) {
            return unknownRegion(valid.region().value());
        }
        return residents.findByPersonKey(valid.personKey())
                .<RuntimeException>map(existing -> new ConflictException("该人员已登记（" + existing.name() + "，"
                        + existing.maskedDocumentNumber() + "，所在地区" + existing.regionCode() + "），请勿重复登记"))
                .orElseGet(() -> new ConflictException("该人员刚被他人登记，请刷新后查询"));
    }

    private static InvalidRequestException unknownRegion(String code) {
        return InvalidRequestException.of("regionCode", "地区代码" + code + "不存在");
    }

    /**
     * Edits a resident. {@code expectedVersion} is the version the user saw: a change made by
     * someone else meanwhile is a conflict, not a silent overwrite. A new document (a newborn's
     * first ID card) changes the person key, and the key on the person's enrollments with it.
     */
    @Transactional
    public Resident update(Actor actor, long id, int expectedVersion, ResidentForm form) {
        Resident before = get(actor, id);
        ResidentForm.Valid valid = validate(actor, form, true);
        // The county is where the person's rows live (and on Citus, their worker): a move to another county is a
        // transfer (转移接续) that ends the enrollment there, not an edit of the register.
        if (!valid.region().countyCode().equals(before.countyCode())) {
            throw InvalidRequestException.of("regionCode", "居民登记地只能在本县（区）内变更，跨县（区）迁移须办理转移接续");
        }
        if (!valid.personKey().equals(before.personKey())) {
            residents.findByPersonKey(valid.personKey()).ifPresent(other -> {
                throw InvalidRequestException.of("documentNumber", "该证件已登记为另一居民（" + other.name() + "）");
            });
        }
        boolean updated;
        try {
            updated = residents.update(id, expectedVersion, valid);
        } catch (DuplicateKeyException e) {
            throw InvalidRequestException.of("documentNumber", "该证件已登记为另一居民");
        }
        if (!updated) {
            throw new ConflictException("该居民信息已被他人修改，请刷新后重试");
        }
        if (!valid.personKey().equals(before.personKey())) {
            try {
                jdbc.sql("UPDATE enrollment SET person_key = :key WHERE resident_id = :id")
                        .param("key", valid.personKey().value()).param("id", id).update();
            } catch (DuplicateKeyException e) {
                throw new ConflictException("该证件对应的人员本年度已有有效参保记录，不能合并");
            }
        }
        Resident after = residents.findById(id).orElseThrow();
        audit.record(actor, AuditEntry.success("RESIDENT_UPDATED", "resident", id, after.regionCode(),
                before.auditState(), after.auditState()));
        return after;
    }

    /**
     * The form's own rules and the actor's reach. {@code regionMustExist} false leaves the region's existence to the
     * insert (register), unless a household is named: its checks come after the region's, as on update.
     */
    private ResidentForm.Valid validate(Actor actor, ResidentForm form, boolean regionMustExist) {
        // A region outside the actor's reach is refused before anything else is said about the input.
        if (form.regionCode() != null && REGION_CODE_SHAPE.matcher(form.regionCode().strip()).matches()) {
            RegionScope.check(actor, form.regionCode().strip(), "该地区");
        }
        ResidentForm.Validation validation = form.validate(today());
        if (!validation.valid()) {
            throw new InvalidRequestException(validation.problems());
        }
        ResidentForm.Valid valid = validation.value();
        RegionScope.check(actor, valid.region().value(), "该地区");
        if ((regionMustExist || valid.householdId() != null) && !residents.regionExists(valid.region().value())) {
            throw unknownRegion(valid.region().value());
        }
        if (valid.householdId() != null) {
            Household household = residents.findHousehold(valid.householdId())
                    .orElseThrow(() -> InvalidRequestException.of("householdId", "户不存在"));
            RegionScope.check(actor, household.regionCode(), "该户");
            if (!household.countyCode().equals(valid.region().countyCode())) {
                throw InvalidRequestException.of("householdId", "该户不在居民登记地所在县（区）");
            }
        }
        return valid;
    }

    /** A resident in the actor's region; outside it is refused, absent is not found. */
    public Resident get(Actor actor, long id) {
        Resident resident = residents.findById(id).orElseThrow(() -> new NotFoundException("居民不存在：" + id));
        RegionScope.check(actor, resident.regionCode(), "该居民");
        return resident;
    }

    public Slice<Resident> search(Actor actor, ResidentQuery query, int page, int size) {
        RegionCode scope = RegionScope.narrow(actor, query.regionCode());
        return residents.search(query, scope, Math.max(page, 0), Math.min(Math.max(size, 1), 200));
    }

    @Transactional
    public Household createHousehold(Actor actor, String householdNumber, String regionCode, String address) {
        RegionCode region;
        try {
            region = RegionCode.of(regionCode);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("regionCode", "地区代码无效");
        }
        if (region.county().isEmpty()) {
            throw InvalidRequestException.of("regionCode", "户应属于乡镇（街道）或村（社区）");
        }
        RegionScope.check(actor, region.value(), "该地区");
        if (!residents.regionExists(region.value())) {
            throw InvalidRequestException.of("regionCode", "地区代码" + region + "不存在");
        }
        String number = householdNumber == null || householdNumber.isBlank() ? null : householdNumber.strip();
        long id;
        try {
            id = residents.insertHousehold(number, region, address == null || address.isBlank() ? null : address.strip());
        } catch (DuplicateKeyException e) {
            throw InvalidRequestException.of("householdNumber", "本县已有户号为" + number + "的户");
        }
        Household household = residents.findHousehold(id).orElseThrow();
        audit.record(actor, AuditEntry.success("HOUSEHOLD_CREATED", "household", id, household.regionCode(), null,
                household.auditState()));
        return household;
    }

    public record HouseholdView(Household household, List<Resident> members) {
    }

    public HouseholdView household(Actor actor, long id) {
        Household household = residents.findHousehold(id).orElseThrow(() -> new NotFoundException("户不存在：" + id));
        RegionScope.check(actor, household.regionCode(), "该户");
        return new HouseholdView(household, residents.householdMembers(id));
    }

    /** Records the death date (from 死亡证明 or the household register); the enrollment side ends coverage. */
    @Transactional
    public Resident recordDeath(Actor actor, long id, LocalDate diedOn) {
        Resident before = get(actor, id);
        if (diedOn == null || diedOn.isAfter(today()) || (before.birthDate() != null && diedOn.isBefore(before.birthDate()))) {
            throw InvalidRequestException.of("diedOn", "死亡日期无效");
        }
        int rows = jdbc.sql("UPDATE resident SET died_on = :d, updated_at = now(), version = version + 1 WHERE id = :id")
                .param("d", diedOn).param("id", id).update();
        if (rows != 1) {
            throw new NotFoundException("居民不存在：" + id);
        }
        Resident after = residents.findById(id).orElseThrow();
        audit.record(actor, AuditEntry.success("RESIDENT_DIED", "resident", id, after.regionCode(), before.auditState(),
                after.auditState()));
        return after;
    }

    /** Audits a view of the full (unmasked) document number, with the reason the user gave. */
    @Transactional
    public String revealDocumentNumber(Actor actor, long id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw InvalidRequestException.of("reason", "查看完整证件号码须填写事由");
        }
        Resident resident = get(actor, id);
        audit.record(actor, AuditEntry.success("DOCUMENT_NUMBER_REVEALED", "resident", id, resident.regionCode(), null,
                Map.of("documentType", resident.document().type().name())).withDetail(Objects.requireNonNull(reason).strip()));
        return resident.document().number();
    }
}
