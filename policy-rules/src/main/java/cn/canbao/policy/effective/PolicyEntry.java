package cn.canbao.policy.effective;

import cn.canbao.policy.Citation;

/**
 * One line of the effective policy as people read it: the rule, the item within it, its value, the file it is
 * inherited from (or the region's own) and its citation.
 */
public record PolicyEntry(String rule, String item, String value, String fromRegion, String fromFile,
                          boolean inherited, Citation cite) {
}
