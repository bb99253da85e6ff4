package dev.reel.cli.run;

/** The text of a graph and where it came from, for messages that point into it. */
public record GraphText(String text, String origin) {
    /** A graph given on the command line (no origin to name). */
    public static GraphText inline(String text) {
        return new GraphText(text, null);
    }

    public int line(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    public int column(int offset) {
        int nl = text.lastIndexOf('\n', Math.max(0, offset - 1));
        return offset - (offset > 0 && nl >= 0 && nl < offset ? nl + 1 : 0) + 1;
    }

    private int lineStart(int offset) {
        int nl = offset == 0 ? -1 : text.lastIndexOf('\n', offset - 1);
        return nl + 1;
    }

    private int lineEnd(int offset) {
        int nl = text.indexOf('\n', offset);
        return nl < 0 ? text.length() : nl;
    }

    /**
     * The message, then the line holding [start, end) with carets under that span:
     * <pre>
     * unknown component 'encdoe' (did you mean encode?)
     *   decode in.mp4 ! encdoe ! mux out.mp4
     *                   ^^^^^^
     * </pre>
     * With an origin or several lines, the message starts with {@code origin:line:col:}.
     */
    public String point(int start, int end, String message) {
        int s = Math.max(0, Math.min(start, text.length()));
        int ls = lineStart(s);
        int le = lineEnd(s);
        int e = Math.max(s + 1, Math.min(end, le));
        StringBuilder b = new StringBuilder();
        if (origin != null || text.indexOf('\n') >= 0) {
            b.append(origin == null ? "graph" : origin).append(':').append(line(s)).append(':').append(column(s)).append(": ");
        }
        b.append(message).append('\n');
        String lineText = text.substring(ls, le);
        b.append("  ").append(lineText).append('\n').append("  ");
        for (int i = ls; i < s; i++) {
            b.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        b.append("^".repeat(Math.max(1, e - s))).append('\n');
        return b.toString();
    }
}
