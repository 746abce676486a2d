package cn.canbao.policy.file;

/** One problem in one policy file, at a line (1-based). */
public record PolicyFileError(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
