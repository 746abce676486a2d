package cn.canbao.web.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import cn.canbao.policy.FamilyRole;
import cn.canbao.policy.Identity;
import cn.canbao.policy.LateReason;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.policy.assessment.Assessment;
import cn.canbao.policy.assessment.AssessmentCalculator;
import cn.canbao.policy.assessment.AssessmentRequest;
import cn.canbao.policy.assessment.Person;
import cn.canbao.policy.effective.EffectivePolicy;
import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.policy.version.PolicyVersion;
import cn.canbao.policy.version.PolicyVersionService;
import cn.canbao.policy.version.ResolvedPolicy;
import cn.canbao.region.Region;
import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionDirectory;
import cn.canbao.region.RegionLevel;
import cn.canbao.web.security.RegionAccess;

/** The policy browser: pick a region and year, read every rule with its source and citation, compare, try a person. */
@Controller
class PolicyPageController {

    private final PolicyVersionService policies;
    private final RegionDirectory regions;
    private final RegionAccess access;

    PolicyPageController(PolicyVersionService policies, RegionDirectory regions, RegionAccess access) {
        this.policies = policies;
        this.regions = regions;
        this.access = access;
    }

    /** A region the user may see with the coverage years that have a policy. */
    record RegionYears(Region region, List<Integer> years) {
    }

    @GetMapping("/policies")
    String index(Model model) {
        PolicyCatalog catalog = policies.catalog();
        Set<Integer> years = new TreeSet<>();
        catalog.files().values().forEach(f -> years.add(f.coverageYear()));
        List<RegionYears> rows = new ArrayList<>();
        for (Region region : regions.subtree(access.scope())) {
            if (region.level().isAbove(RegionLevel.TOWNSHIP) || region.code().equals(access.scope())) {
                List<Integer> available = years.stream().filter(y -> catalog.effective(region.code(), y).isPresent()).toList();
                if (!available.isEmpty()) {
                    rows.add(new RegionYears(region, available));
                }
            }
        }
        model.addAttribute("rows", rows);
        return "policy/index";
    }

    @GetMapping("/policies/{regionCode}/{year}")
    String show(@PathVariable String regionCode, @PathVariable int year, Model model) {
        ResolvedPolicy resolved = resolve(regionCode, year, model);
        model.addAttribute("entries", resolved.policy().entries());
        model.addAttribute("sources", resolved.sources());
        model.addAttribute("policyVersionId", resolved.effectiveVersionId());
        PolicyVersion nearest = resolved.sources().get(0);
        model.addAttribute("historyFile", nearest.fileName());
        model.addAttribute("history", policies.history(RegionCode.of(nearest.regionCode()), year));
        model.addAttribute("otherYears", otherYears(RegionCode.of(regionCode), year));
        return "policy/show";
    }

    @GetMapping("/policies/{regionCode}/{year}/diff")
    String diff(@PathVariable String regionCode, @PathVariable int year, @RequestParam(required = false) Long from,
                @RequestParam(required = false) Long to, @RequestParam(required = false) Integer otherYear, Model model) {
        ResolvedPolicy current = resolve(regionCode, year, model);
        RegionCode region = RegionCode.of(regionCode);
        EffectivePolicy before;
        EffectivePolicy after;
        String beforeLabel;
        String afterLabel;
        if (otherYear != null) {
            before = policies.effective(region, otherYear).orElseThrow(() -> new NoPolicyException(region, otherYear)).policy();
            after = current.policy();
            beforeLabel = String.valueOf(otherYear);
            afterLabel = String.valueOf(year);
        } else if (from != null && to != null) {
            PolicyVersion fromVersion = versionOf(from, region, year);
            PolicyVersion toVersion = versionOf(to, region, year);
            before = policies.effectiveWith(fromVersion);
            after = policies.effectiveWith(toVersion);
            beforeLabel = fromVersion.fileName() + " v" + fromVersion.version();
            afterLabel = toVersion.fileName() + " v" + toVersion.version();
        } else {
            throw new IllegalArgumentException("compare either two versions (from, to) or another year (otherYear)");
        }
        model.addAttribute("beforeLabel", beforeLabel);
        model.addAttribute("afterLabel", afterLabel);
        model.addAttribute("diff", PolicyDiff.between(before.entries(), after.entries()));
        return "policy/diff";
    }

    @GetMapping("/policies/{regionCode}/{year}/try")
    String tryPerson(@PathVariable String regionCode, @PathVariable int year,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate birthDate,
                     @RequestParam(required = false) ParticipantCategory category,
                     @RequestParam(required = false) List<Identity> identities,
                     @RequestParam(required = false) FamilyRole familyRole,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate paymentDate,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate registrationDate,
                     @RequestParam(required = false) Integer lapseYears,
                     @RequestParam(required = false) Integer paidBackYears,
                     @RequestParam(required = false) LateReason lateReason,
                     @RequestParam(required = false) boolean diedBeforeRegistration,
                     @RequestParam(required = false) String parentName,
                     Model model) {
        ResolvedPolicy resolved = resolve(regionCode, year, model);
        model.addAttribute("categories", ParticipantCategory.values());
        model.addAttribute("allIdentities", Identity.values());
        model.addAttribute("familyRoles", FamilyRole.values());
        model.addAttribute("lateReasons", LateReason.values());
        Set<Identity> chosen = identities == null || identities.isEmpty() ? EnumSet.noneOf(Identity.class) : EnumSet.copyOf(identities);
        model.addAttribute("chosenIdentities", chosen);
        model.addAttribute("form", new TryForm(birthDate, category, familyRole, paymentDate, registrationDate,
                lapseYears == null ? 0 : lapseYears, paidBackYears == null ? 0 : paidBackYears, lateReason, diedBeforeRegistration, parentName));
        if (birthDate != null && category != null && paymentDate != null) {
            Person person = Person.of(birthDate, category).withIdentities(chosen).withFamilyRole(familyRole)
                    .withLapse(lapseYears == null ? 0 : lapseYears, paidBackYears == null ? 0 : paidBackYears).withLateReason(lateReason);
            if (diedBeforeRegistration) {
                person = person.diedBeforeRegistration(parentName == null || parentName.isBlank() ? null : parentName);
            }
            Assessment assessment = AssessmentCalculator.assess(resolved.policy(), new AssessmentRequest(person, paymentDate, registrationDate));
            model.addAttribute("assessment", assessment);
            model.addAttribute("policyVersionId", resolved.effectiveVersionId());
        }
        return "policy/try";
    }

    /** What the try-a-person form was filled with, to show it again. */
    record TryForm(LocalDate birthDate, ParticipantCategory category, FamilyRole familyRole, LocalDate paymentDate,
                   LocalDate registrationDate, int lapseYears, int paidBackYears, LateReason lateReason,
                   boolean diedBeforeRegistration, String parentName) {
    }

    private ResolvedPolicy resolve(String regionCode, int year, Model model) {
        RegionCode region = RegionCode.of(regionCode);
        access.check(region);
        ResolvedPolicy resolved = policies.effective(region, year).orElseThrow(() -> new NoPolicyException(region, year));
        model.addAttribute("regionCode", region.value());
        model.addAttribute("regionName", regions.find(region).map(Region::name).orElse(region.value()));
        model.addAttribute("year", year);
        return resolved;
    }

    private PolicyVersion versionOf(long id, RegionCode region, int year) {
        PolicyVersion version = policies.version(id).orElseThrow(() -> new IllegalArgumentException("no policy version " + id));
        if (version.coverageYear() != year || !region.isWithin(RegionCode.of(version.regionCode()))) {
            throw new IllegalArgumentException("policy version " + id + " is not part of the policy of " + region + " for " + year);
        }
        return version;
    }

    private List<Integer> otherYears(RegionCode region, int year) {
        PolicyCatalog catalog = policies.catalog();
        return catalog.files().values().stream().map(f -> f.coverageYear()).distinct().sorted()
                .filter(y -> y != year && catalog.effective(region, y).isPresent()).toList();
    }
}
