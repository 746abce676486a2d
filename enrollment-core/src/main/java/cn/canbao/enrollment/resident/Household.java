package cn.canbao.enrollment.resident;

import java.util.LinkedHashMap;
import java.util.Map;

/** A household (户): number from the household register when known, the managing region and address. */
public record Household(long id, String householdNumber, String regionCode, String countyCode, String address, int version) {

    public Map<String, Object> auditState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("householdNumber", householdNumber);
        state.put("regionCode", regionCode);
        state.put("address", address);
        return state;
    }
}
