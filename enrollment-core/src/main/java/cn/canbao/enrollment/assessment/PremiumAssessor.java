package cn.canbao.enrollment.assessment;

/**
 * The port to the policy calculator (核定): enrollment asks, the policy answers with amounts and
 * its version. The implementation lives with the policy rules; enrollment depends only on this.
 */
public interface PremiumAssessor {

    Assessment assess(AssessmentRequest request);
}
