package cn.canbao.enrollment.assessment;

/** The port to the policy's refund rules (e.g. 怀远县2025年度居民医保参保缴费工作方案 四（二）). */
public interface RefundRules {

    RefundDecision decide(RefundCase refundCase);
}
