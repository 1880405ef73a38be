package org.eapexplorer.io;

import java.io.IOException;

/**
 * Text that is not JSON (or is JSON with a key twice in one object). The message reads
 * {@code source: not valid JSON at line 3, column 7: what is wrong} ({@code at column 7} for one line of a JSON Lines
 * file, whose source already names the line).
 */
public class JsonFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String problem;
    private final boolean endsEarly;

    /** @param endsEarly the text ran out inside a value it had begun (a file cut off part-way) */
    public JsonFormatException(String source, boolean oneLine, String problem, int line, int column, boolean endsEarly) {
        super(source + ": not valid JSON at " + position(oneLine, line, column) + ": " + problem);
        this.line = line;
        this.column = column;
        this.problem = problem;
        this.endsEarly = endsEarly;
    }

    /** "line 3, column 7", or "column 7" within one line. */
    public static String position(boolean oneLine, int line, int column) {
        return oneLine ? "column " + column : "line " + line + ", column " + column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** Whether the text ran out inside a value it had begun, as a file cut off part-way does. */
    public boolean endsEarly() {
        return endsEarly;
    }

    /** What is wrong, without the source and position. */
    public String problem() {
        return problem;
    }
}
