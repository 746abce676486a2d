package cn.canbao.policy.fiscal;

/** Either a computed {@link FiscalSplit} or {@link FiscalSplitNotComputable} naming what the documents do not give. */
public sealed interface FiscalSplitResult permits FiscalSplit, FiscalSplitNotComputable {
}
