package cn.canbao.web.policy;

import cn.canbao.policy.Citation;

/** A citation as the API shows it: document, clause path and the quoted words. */
public record CitationView(String doc, String clause, String quote) {

    public static CitationView of(Citation citation) {
        return citation == null ? null : new CitationView(citation.doc(), citation.clause(), citation.quote());
    }
}
