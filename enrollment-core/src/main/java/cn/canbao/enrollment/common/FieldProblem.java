package cn.canbao.enrollment.common;

/** A problem with one input field: the field name as the request/form calls it and the reason. */
public record FieldProblem(String field, String message) {
}
