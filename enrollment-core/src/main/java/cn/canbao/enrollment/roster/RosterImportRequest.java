package cn.canbao.enrollment.roster;

import java.time.LocalDate;

/**
 * What the importing user states about the file: the roster type, the coverage year it is for,
 * the date the department issued it (default validity start) and the original file name.
 */
public record RosterImportRequest(RosterType rosterType, int coverageYear, LocalDate sourceDate, String fileName) {
}
