package cn.canbao.audit;

public enum AuditResult {
    SUCCESS,
    /** The request was refused (validation, region, duplicate): nothing changed. */
    REJECTED,
    FAILED
}
