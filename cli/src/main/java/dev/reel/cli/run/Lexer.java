package dev.reel.cli.run;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits graph text into words, {@code !}, {@code [} and {@code ]}. Quotes ('..' or "..") keep
 * spaces and those characters inside a word; {@code #} at the start of a word comments out the rest
 * of the line.
 */
final class Lexer {
    enum Kind { WORD, BANG, OPEN, CLOSE }

    /**
     * A token. For a word, {@code text} is without quotes; {@code eq} is the index in text of its
     * first unquoted '=' (-1 if none) and {@code valueStart} the source offset just after it.
     */
    record Token(Kind kind, String text, int start, int end, int eq, int valueStart) {
        boolean is(Kind k) {
            return kind == k;
        }

        String key() {
            return text.substring(0, eq);
        }

        String value() {
            return text.substring(eq + 1);
        }

        @Override
        public String toString() {
            return kind == Kind.WORD ? "'" + text + "'" : "'" + kind + "'";
        }
    }

    private Lexer() {
    }

    static List<Token> tokens(GraphText src) {
        String s = src.text();
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '!' || c == '[' || c == ']') {
                out.add(new Token(c == '!' ? Kind.BANG : c == '[' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), i, i + 1, -1, -1));
                i++;
            } else {
                int start = i;
                StringBuilder b = new StringBuilder();
                int eq = -1;
                int valueStart = -1;
                while (i < s.length()) {
                    char d = s.charAt(i);
                    if (Character.isWhitespace(d) || d == '!' || d == '[' || d == ']') {
                        break;
                    }
                    if (d == '\'' || d == '"') {
                        int close = s.indexOf(d, i + 1);
                        if (close < 0) {
                            throw new GraphSyntaxError(src, i, s.length(), "unterminated quote " + d);
                        }
                        b.append(s, i + 1, close);
                        i = close + 1;
                        continue;
                    }
                    if (d == '=' && eq < 0) {
                        eq = b.length();
                        valueStart = i + 1;
                    }
                    b.append(d);
                    i++;
                }
                out.add(new Token(Kind.WORD, b.toString(), start, i, eq, valueStart));
            }
        }
        return out;
    }
}
