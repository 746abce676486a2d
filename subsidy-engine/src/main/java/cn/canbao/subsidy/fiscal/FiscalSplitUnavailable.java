package cn.canbao.subsidy.fiscal;

import java.util.List;

/** The documents do not give what a fiscal computation needs; {@link #missing()} names each value, never guessed. */
public class FiscalSplitUnavailable extends RuntimeException {

    private final List<String> missing;

    public FiscalSplitUnavailable(List<String> missing) {
        super(String.join("; ", missing));
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
