package cn.canbao.web.user;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionLevel;
import cn.canbao.web.account.PasswordPolicy;

/**
 * What an administrator enters to create a user. {@link #problems()} lists every field that is wrong, by field
 * name and message key, so the form shows each error next to its field and nothing is created until all are right.
 */
public record NewUser(String username, String displayName, Role role, String regionCode, String initialPassword) {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

    /** Field name to the message keys of what is wrong with it; empty when the user can be created. */
    public Map<String, List<String>> problems() {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        if (username == null || !USERNAME.matcher(username).matches()) {
            add(problems, "username", "user.error.username");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 100) {
            add(problems, "displayName", "user.error.displayName");
        }
        if (role == null) {
            add(problems, "role", "user.error.role");
        }
        RegionCode region = region();
        if (region == null) {
            add(problems, "regionCode", "user.error.regionCode");
        } else if (role == Role.TOWNSHIP_WORKER && region.level() != RegionLevel.TOWNSHIP && region.level() != RegionLevel.VILLAGE) {
            add(problems, "regionCode", "user.error.workerRegion");
        }
        for (String violation : PasswordPolicy.violations(initialPassword, username)) {
            add(problems, "initialPassword", violation);
        }
        return problems;
    }

    /** The region code as entered, or null when it is not a well-formed code. */
    public RegionCode region() {
        try {
            return regionCode == null ? null : RegionCode.of(regionCode.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static void add(Map<String, List<String>> problems, String field, String messageKey) {
        problems.computeIfAbsent(field, f -> new ArrayList<>()).add(messageKey);
    }
}
