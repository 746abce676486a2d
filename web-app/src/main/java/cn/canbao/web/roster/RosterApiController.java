package cn.canbao.web.roster;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.canbao.enrollment.roster.RosterImport;
import cn.canbao.enrollment.roster.RosterImportService;
import cn.canbao.enrollment.roster.RosterType;
import cn.canbao.tabular.RowRejection;
import cn.canbao.web.security.RegionAccess;

/** Department roster imports: upload (runs in the background), progress, error report, templates. */
@RestController
@RequestMapping("/api/v1/rosters")
@Tag(name = "rosters", description = "部门名单导入 / department roster import")
class RosterApiController {

    private final RosterImportService imports;
    private final RosterUploads uploads;
    private final RegionAccess access;

    RosterApiController(RosterImportService imports, RosterUploads uploads, RegionAccess access) {
        this.imports = imports;
        this.uploads = uploads;
        this.access = access;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Upload a roster (CSV or .xlsx); the import runs in the background",
            description = "The same file (SHA-256, roster type, year) returns the existing import and changes nothing")
    RosterImport upload(@RequestParam RosterType rosterType, @RequestParam int coverageYear,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate sourceDate,
            @RequestPart("file") MultipartFile file, HttpServletRequest request) throws IOException {
        return uploads.submit(access.actor(request), rosterType, coverageYear, sourceDate, file);
    }

    @GetMapping
    @Operation(summary = "Recent imports within the caller's region")
    List<RosterImport> recent(@RequestParam(defaultValue = "50") int limit, HttpServletRequest request) {
        return imports.recent(access.actor(request), limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One import: status and progress counters (updated after every committed batch)")
    RosterImport get(@PathVariable long id, HttpServletRequest request) {
        return imports.get(access.actor(request), id);
    }

    @GetMapping("/{id}/rejections")
    @Operation(summary = "The first rejected rows (line, field, reason)")
    List<RowRejection> rejections(@PathVariable long id, @RequestParam(defaultValue = "100") int limit, HttpServletRequest request) {
        return imports.rejections(access.actor(request), id, limit);
    }

    @GetMapping("/{id}/error-report")
    @Operation(summary = "The full error report as CSV (行号, 字段, 原因)")
    void errorReport(@PathVariable long id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        uploads.errorReport(access.actor(request), id, response);
    }

    @GetMapping("/templates/{rosterType}")
    @Operation(summary = "The .xlsx template of a roster type")
    void template(@PathVariable RosterType rosterType, HttpServletRequest request, HttpServletResponse response) throws IOException {
        uploads.template(rosterType, access.actor(request), response);
    }
}
