package cn.canbao.policy;

/**
 * Where a value comes from: the document (its number, or its short title where none is printed),
 * the clause path (e.g. {@code 二（二）4}) and the words quoted from it.
 */
public record Citation(String doc, String clause, String quote) {

    public Citation {
        if (doc == null || doc.isBlank()) {
            throw new IllegalArgumentException("citation without 'doc' (document number or short title)");
        }
        if (clause == null || clause.isBlank()) {
            throw new IllegalArgumentException("citation without 'clause' (clause path)");
        }
        if (quote == null || quote.isBlank()) {
            throw new IllegalArgumentException("citation without 'quote' (the words of the document)");
        }
    }

    /** Document and clause, e.g. {@code 乌政办发〔2023〕81号 二（二）6}. */
    public String reference() {
        return doc + " " + clause;
    }

    @Override
    public String toString() {
        return reference() + "「" + quote + "」";
    }
}
