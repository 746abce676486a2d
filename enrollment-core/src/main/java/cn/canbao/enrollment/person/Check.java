package cn.canbao.enrollment.person;

/**
 * The outcome of validating one value: the value, or the reason (in Chinese, shown to users) why
 * it was rejected. Validation returns this instead of throwing so bulk imports stay fast.
 */
public record Check<T>(T value, String reason) {

    public static <T> Check<T> valid(T value) {
        return new Check<>(value, null);
    }

    public static <T> Check<T> rejected(String reason) {
        return new Check<>(null, reason);
    }

    public boolean valid() {
        return reason == null;
    }

    public T orElseThrow() {
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        return value;
    }
}
