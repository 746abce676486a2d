package cn.canbao.web.resident;

import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.canbao.enrollment.identity.IdentityService;
import cn.canbao.enrollment.identity.PersonIdentity;
import cn.canbao.enrollment.resident.Household;
import cn.canbao.enrollment.resident.ResidentForm;
import cn.canbao.enrollment.resident.ResidentQuery;
import cn.canbao.enrollment.resident.ResidentService;
import cn.canbao.enrollment.resident.Slice;
import cn.canbao.policy.Identity;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.web.security.RegionAccess;

/** Residents, households and special identities; every call limited to the caller's region. */
@RestController
@RequestMapping("/api/v1/residents")
@Tag(name = "residents", description = "参保人员、户、特殊身份 / residents, households, identities")
class ResidentApiController {

    private final ResidentService residents;
    private final IdentityService identities;
    private final RegionAccess access;

    ResidentApiController(ResidentService residents, IdentityService identities, RegionAccess access) {
        this.residents = residents;
        this.identities = identities;
        this.access = access;
    }

    @GetMapping
    @Operation(summary = "Search residents (masked)", description = "name matches from the start; documentNumber exactly; "
            + "regionCode narrows within the caller's region (403 outside it)")
    Slice<ResidentView> search(@RequestParam(required = false) String regionCode, @RequestParam(required = false) String name,
            @RequestParam(required = false) String documentNumber, @RequestParam(required = false) ParticipantCategory category,
            @RequestParam(required = false) Long householdId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size, HttpServletRequest request) {
        Slice<cn.canbao.enrollment.resident.Resident> found = residents.search(access.actor(request),
                new ResidentQuery(regionCode, name, documentNumber, category, householdId), page, size);
        return new Slice<>(found.content().stream().map(ResidentView::of).toList(), found.page(), found.size(), found.hasNext());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One resident (masked); 403 outside the caller's region")
    ResidentView get(@PathVariable long id, HttpServletRequest request) {
        return ResidentView.of(residents.get(access.actor(request), id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a resident", description = "400 with problems per field; 409 when the person is already registered")
    ResidentView register(@RequestBody ResidentForm form, HttpServletRequest request) {
        return ResidentView.of(residents.register(access.actor(request), form));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Edit a resident", description = "version is the one read; 409 when someone else changed it meanwhile")
    ResidentView update(@PathVariable long id, @RequestParam int version, @RequestBody ResidentForm form, HttpServletRequest request) {
        return ResidentView.of(residents.update(access.actor(request), id, version, form));
    }

    record RevealBody(String reason) {
    }

    record Revealed(String documentNumber) {
    }

    @PostMapping("/{id}/document-number")
    @Operation(summary = "The full document number, with a reason; audited")
    Revealed reveal(@PathVariable long id, @RequestBody RevealBody body, HttpServletRequest request) {
        return new Revealed(residents.revealDocumentNumber(access.actor(request), id, body.reason()));
    }

    record HouseholdBody(String householdNumber, String regionCode, String address) {
    }

    @PostMapping("/households")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a household (户)")
    Household createHousehold(@RequestBody HouseholdBody body, HttpServletRequest request) {
        return residents.createHousehold(access.actor(request), body.householdNumber(), body.regionCode(), body.address());
    }

    record HouseholdView(Household household, List<ResidentView> members) {
    }

    @GetMapping("/households/{id}")
    @Operation(summary = "A household with its members (masked)")
    HouseholdView household(@PathVariable long id, HttpServletRequest request) {
        ResidentService.HouseholdView view = residents.household(access.actor(request), id);
        return new HouseholdView(view.household(), view.members().stream().map(ResidentView::of).toList());
    }

    @GetMapping("/{id}/identities")
    @Operation(summary = "The full identity history of a resident, newest first")
    List<PersonIdentity> identities(@PathVariable long id, HttpServletRequest request) {
        return identities.history(access.actor(request), id);
    }

    record IdentityBody(int coverageYear, Identity identity, LocalDate validFrom, LocalDate validTo, String note) {
    }

    @PostMapping("/{id}/identities")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record an identity (a new row; history is kept) and re-assess the year's enrollment")
    List<PersonIdentity> recordIdentity(@PathVariable long id, @RequestBody IdentityBody body, HttpServletRequest request) {
        identities.record(access.actor(request), id, body.coverageYear(), body.identity(), body.validFrom(), body.validTo(), body.note());
        return identities.history(access.actor(request), id);
    }
}
