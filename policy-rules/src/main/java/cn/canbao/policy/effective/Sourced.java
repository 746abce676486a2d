package cn.canbao.policy.effective;

/** A rule's value together with the policy file it comes from (the region's own, or an enclosing region's). */
public record Sourced<T>(T value, String fromRegion, String fromFile) {
}
