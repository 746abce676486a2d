package cn.canbao.policy.assessment;

import cn.canbao.policy.Citation;

/** One step of an assessment's reasoning, with the citation it rests on (null only for plain arithmetic). */
public record Explanation(String text, Citation citation) {

    @Override
    public String toString() {
        return citation == null ? text : text + " — " + citation;
    }
}
