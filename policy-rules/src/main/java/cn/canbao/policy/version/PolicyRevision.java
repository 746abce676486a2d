package cn.canbao.policy.version;

import cn.canbao.region.RegionCode;

/**
 * A user's change to one region's policy for one year: the complete new file content, who makes it (with role
 * and the region their account is bound to) and why.
 */
public record PolicyRevision(RegionCode region, int coverageYear, String content, String username, String role,
                             RegionCode userRegion, String reason) {
}
