package cn.canbao.tabular;

/** A row either maps to a value or is rejected with line, field and reason; mapping never throws. */
public sealed interface RowOutcome<T> {

    long line();

    record Mapped<T>(long line, T value) implements RowOutcome<T> {
    }

    record Rejected<T>(RowRejection rejection) implements RowOutcome<T> {
        @Override
        public long line() {
            return rejection.line();
        }
    }

    static <T> RowOutcome<T> mapped(long line, T value) {
        return new Mapped<>(line, value);
    }

    static <T> RowOutcome<T> rejected(long line, String field, String reason) {
        return new Rejected<>(new RowRejection(line, field, reason));
    }
}
