package cn.canbao.policy.fiscal;

import java.util.List;

import cn.canbao.region.RegionCode;

/** The split cannot be computed: each entry of {@code missing} names a value the documents do not give. */
public record FiscalSplitNotComputable(RegionCode region, int year, List<String> missing) implements FiscalSplitResult {

    public FiscalSplitNotComputable {
        missing = List.copyOf(missing);
    }
}
