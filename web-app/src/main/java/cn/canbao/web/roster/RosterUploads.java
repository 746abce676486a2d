package cn.canbao.web.roster;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import cn.canbao.audit.Actor;
import cn.canbao.enrollment.common.InvalidRequestException;
import cn.canbao.enrollment.roster.RosterImport;
import cn.canbao.enrollment.roster.RosterImportRequest;
import cn.canbao.enrollment.roster.RosterImportService;
import cn.canbao.enrollment.roster.RosterType;

/**
 * Shared by the roster API and pages: the upload is copied to a temporary file (never held in
 * memory), submitted for background import, and the file is kept until the import has read it.
 */
@Component
class RosterUploads {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final RosterImportService imports;

    RosterUploads(RosterImportService imports) {
        this.imports = imports;
    }

    RosterImport submit(Actor actor, RosterType type, int coverageYear, LocalDate sourceDate, MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            throw InvalidRequestException.of("file", "请选择要导入的文件（CSV或.xlsx）");
        }
        Path temp = Files.createTempFile("canbao-roster-", ".upload");
        try (InputStream in = file.getInputStream()) {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
        }
        temp.toFile().deleteOnExit();
        String name = file.getOriginalFilename() == null ? "roster" : Path.of(file.getOriginalFilename()).getFileName().toString();
        return imports.submit(actor, new RosterImportRequest(type, coverageYear, sourceDate, name), temp);
    }

    void errorReport(Actor actor, long id, HttpServletResponse response) throws IOException {
        imports.get(actor, id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''" + encode("导入错误-" + id + ".csv"));
        imports.writeErrorReport(actor, id, response.getOutputStream());
    }

    void template(RosterType type, Actor actor, HttpServletResponse response) throws IOException {
        response.setContentType(XLSX);
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''" + encode("名单模板-" + type.name() + ".xlsx"));
        String example = actor.region().value().length() == 12 ? actor.region().value() : "340321001000";
        imports.writeTemplate(type, example, response.getOutputStream());
    }

    private static String encode(String fileName) {
        return URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
