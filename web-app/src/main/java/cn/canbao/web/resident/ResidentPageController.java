package cn.canbao.web.resident;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.canbao.audit.Actor;
import cn.canbao.enrollment.common.ConflictException;
import cn.canbao.enrollment.common.FieldProblem;
import cn.canbao.enrollment.common.InvalidRequestException;
import cn.canbao.enrollment.enrollment.EnrollRequest;
import cn.canbao.enrollment.enrollment.EnrollmentFlow;
import cn.canbao.enrollment.enrollment.EnrollmentService;
import cn.canbao.enrollment.identity.IdentityService;
import cn.canbao.enrollment.person.DocumentType;
import cn.canbao.enrollment.person.Sex;
import cn.canbao.enrollment.resident.Household;
import cn.canbao.enrollment.resident.Resident;
import cn.canbao.enrollment.resident.ResidentQuery;
import cn.canbao.enrollment.resident.ResidentService;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.web.security.RegionAccess;

/** Resident search, register/edit form (errors next to fields), resident and household views. */
@Controller
class ResidentPageController {

    private final ResidentService residents;
    private final IdentityService identities;
    private final EnrollmentService enrollments;
    private final RegionAccess access;

    ResidentPageController(ResidentService residents, IdentityService identities, EnrollmentService enrollments, RegionAccess access) {
        this.residents = residents;
        this.identities = identities;
        this.enrollments = enrollments;
        this.access = access;
    }

    @GetMapping("/residents")
    String search(@RequestParam(required = false) String regionCode, @RequestParam(required = false) String name,
            @RequestParam(required = false) String documentNumber, @RequestParam(required = false) ParticipantCategory category,
            @RequestParam(defaultValue = "0") int page, HttpServletRequest request, Model model) {
        Actor actor = access.actor(request);
        ResidentQuery query = new ResidentQuery(blank(regionCode), blank(name), blank(documentNumber), category, null);
        var found = residents.search(actor, query, page, 50);
        model.addAttribute("query", query);
        model.addAttribute("residents", found.content().stream().map(ResidentView::of).toList());
        model.addAttribute("slice", found);
        model.addAttribute("categories", ParticipantCategory.values());
        return "resident/search";
    }

    @GetMapping("/residents/new")
    String newForm(@RequestParam(required = false) Long householdId, HttpServletRequest request, Model model) {
        ResidentFormData data = new ResidentFormData();
        data.setHouseholdId(householdId);
        if (householdId != null) {
            data.setRegionCode(residents.household(access.actor(request), householdId).household().regionCode());
        }
        return form(model, data, null);
    }

    @PostMapping("/residents/new")
    String register(@ModelAttribute("resident") ResidentFormData data, BindingResult binding, HttpServletRequest request, Model model,
            RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return form(model, data, null);
        }
        try {
            Resident created = residents.register(access.actor(request), data.toForm());
            redirect.addFlashAttribute("saved", true);
            return "redirect:/residents/" + created.id();
        } catch (InvalidRequestException e) {
            reject(binding, e);
            return form(model, data, null);
        } catch (ConflictException e) {
            binding.reject("conflict", e.getMessage());
            return form(model, data, null);
        }
    }

    @GetMapping("/residents/{id}")
    String view(@PathVariable long id, HttpServletRequest request, Model model) {
        Actor actor = access.actor(request);
        Resident resident = residents.get(actor, id);
        model.addAttribute("resident", ResidentView.of(resident));
        // full values only for the masked-with-reveal fragment, which renders them masked and sealed
        model.addAttribute("personal", resident);
        model.addAttribute("identities", identities.history(actor, id));
        model.addAttribute("enrollments", enrollments.ofResident(actor, id));
        model.addAttribute("flows", EnrollmentFlow.values());
        return "resident/view";
    }

    @PostMapping("/residents/{id}/enrollments")
    String enroll(@PathVariable long id, @RequestParam int coverageYear, @RequestParam(required = false) EnrollmentFlow flow,
            @RequestParam(required = false) String school, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            enrollments.enroll(access.actor(request), new EnrollRequest(id, coverageYear, flow, null, school));
            redirect.addFlashAttribute("saved", true);
        } catch (InvalidRequestException | ConflictException e) {
            redirect.addFlashAttribute("enrollError", e.getMessage());
        }
        return "redirect:/residents/" + id;
    }

    @GetMapping("/residents/{id}/edit")
    String editForm(@PathVariable long id, HttpServletRequest request, Model model) {
        Resident resident = residents.get(access.actor(request), id);
        return form(model, ResidentFormData.of(resident), resident);
    }

    @PostMapping("/residents/{id}/edit")
    String update(@PathVariable long id, @RequestParam int version, @ModelAttribute("resident") ResidentFormData data,
            BindingResult binding, HttpServletRequest request, Model model) {
        Actor actor = access.actor(request);
        Resident current = residents.get(actor, id);
        if (data.getDocumentNumber() == null || data.getDocumentNumber().isBlank()) {
            // Left empty: keep the stored number (the form never shows it in full).
            data.setDocumentNumber(current.document().number());
        }
        if (binding.hasErrors()) {
            return form(model, data, current);
        }
        try {
            residents.update(actor, id, version, data.toForm());
            return "redirect:/residents/" + id;
        } catch (InvalidRequestException e) {
            reject(binding, e);
        } catch (ConflictException e) {
            binding.reject("conflict", e.getMessage());
        }
        data.setDocumentNumber(null);
        return form(model, data, current);
    }

    @PostMapping("/residents/households")
    String createHousehold(@RequestParam(required = false) String householdNumber, @RequestParam String regionCode,
            @RequestParam(required = false) String address, HttpServletRequest request) {
        Household household = residents.createHousehold(access.actor(request), householdNumber, regionCode, address);
        return "redirect:/residents/households/" + household.id();
    }

    @GetMapping("/residents/households/{id}")
    String household(@PathVariable long id, HttpServletRequest request, Model model) {
        ResidentService.HouseholdView view = residents.household(access.actor(request), id);
        model.addAttribute("household", view.household());
        model.addAttribute("members", view.members().stream().map(ResidentView::of).toList());
        return "resident/household";
    }

    private String form(Model model, ResidentFormData data, Resident editing) {
        model.addAttribute("resident", data);
        model.addAttribute("editing", editing == null ? null : ResidentView.of(editing));
        model.addAttribute("documentTypes", DocumentType.values());
        model.addAttribute("sexes", Sex.values());
        model.addAttribute("categories", ParticipantCategory.values());
        return "resident/form";
    }

    private static void reject(BindingResult binding, InvalidRequestException e) {
        for (FieldProblem problem : e.problems()) {
            if (binding.getModel().containsKey("resident") && isField(problem.field())) {
                binding.rejectValue(problem.field(), "invalid", problem.message());
            } else {
                binding.reject("invalid", problem.message());
            }
        }
    }

    private static boolean isField(String field) {
        return java.util.Arrays.stream(ResidentFormData.class.getDeclaredFields()).anyMatch(f -> f.getName().equals(field));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
