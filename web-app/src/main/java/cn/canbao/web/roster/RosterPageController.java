package cn.canbao.web.roster;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import cn.canbao.enrollment.common.InvalidRequestException;
import cn.canbao.enrollment.roster.RosterImport;
import cn.canbao.enrollment.roster.RosterImportService;
import cn.canbao.enrollment.roster.RosterType;
import cn.canbao.web.security.RegionAccess;

/** Roster import pages: upload form with recent imports, progress page (refreshes itself), downloads. */
@Controller
class RosterPageController {

    private final RosterImportService imports;
    private final RosterUploads uploads;
    private final RegionAccess access;
    private final Clock clock;

    RosterPageController(RosterImportService imports, RosterUploads uploads, RegionAccess access, Clock clock) {
        this.imports = imports;
        this.uploads = uploads;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("/rosters")
    String list(HttpServletRequest request, Model model) {
        model.addAttribute("imports", imports.recent(access.actor(request), 50));
        model.addAttribute("types", RosterType.values());
        model.addAttribute("defaultYear", LocalDate.now(clock).getYear() + 1);
        model.addAttribute("today", LocalDate.now(clock));
        return "roster/list";
    }

    @PostMapping("/rosters")
    String upload(@RequestParam RosterType rosterType, @RequestParam int coverageYear,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate sourceDate,
            @RequestParam("file") MultipartFile file, HttpServletRequest request, Model model) throws IOException {
        try {
            RosterImport started = uploads.submit(access.actor(request), rosterType, coverageYear, sourceDate, file);
            return "redirect:/rosters/" + started.id();
        } catch (InvalidRequestException e) {
            model.addAttribute("uploadError", e.getMessage());
            return list(request, model);
        }
    }

    @GetMapping("/rosters/{id}")
    String view(@PathVariable long id, HttpServletRequest request, Model model) {
        var actor = access.actor(request);
        RosterImport found = imports.get(actor, id);
        model.addAttribute("rosterImport", found);
        model.addAttribute("rejections", imports.rejections(actor, id, 20));
        return "roster/view";
    }

    @GetMapping("/rosters/{id}/error-report")
    void errorReport(@PathVariable long id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        uploads.errorReport(access.actor(request), id, response);
    }

    @GetMapping("/rosters/templates/{rosterType}")
    void template(@PathVariable RosterType rosterType, HttpServletRequest request, HttpServletResponse response) throws IOException {
        uploads.template(rosterType, access.actor(request), response);
    }
}
