package cn.canbao.tabular;

/**
 * A shortcut a mapper's caller may offer for the plain lines of a UTF-8 CSV file: each line that lies within the read
 * buffer and holds no quote or carriage return is offered as bytes before it is split into cells and decoded. A line
 * taken is the caller's alone (it is not mapped and not handed to the sink); a line declined goes the ordinary way, so
 * a shortcut only ever takes lines it can judge exactly as the mapper would, and declines the rest.
 */
@FunctionalInterface
public interface PlainLines {

    /** Takes the line {@code bytes[from, to)} (without its line end), number {@code line}; false: not taken. */
    boolean take(byte[] bytes, int from, int to, long line);
}
