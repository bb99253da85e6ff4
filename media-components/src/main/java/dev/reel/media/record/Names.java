package dev.reel.media.record;

import java.util.Locale;

/** Making outside names (programme titles, URLs) safe to use as file names and to print. */
public final class Names {
    private Names() {
    }

    /**
     * A file-name-safe form of {@code s}: no path separators, no "..", no control or shell-special
     * characters, not hidden, at most 80 characters; "untitled" when nothing is left.
     */
    public static String sanitize(String s) {
        if (s == null) {
            return "untitled";
        }
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.') {
                b.appendCodePoint(c);
            } else if (b.length() > 0 && b.charAt(b.length() - 1) != '_') {
                b.append('_');
            }
        });
        String r = b.toString().replaceAll("\\.{2,}", ".").replaceAll("^[._]+", "").replaceAll("[._]+$", "");
        if (r.length() > 80) {
            r = r.substring(0, 80);
        }
        return r.isEmpty() ? "untitled" : r;
    }

    /** {@code url} without user name, password or query-string secrets, safe for logs and the manifest. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String u = url;
        int i = u.indexOf("://");
        if (i > 0) {
            int at = u.indexOf('@', i);
            int slash = u.indexOf('/', i + 3);
            if (at > 0 && (slash < 0 || at < slash)) {
                u = u.substring(0, i + 3) + "***@" + u.substring(at + 1);
            }
        }
        // srt passphrase, tokens and the like travel in the query string.
        return u.replaceAll("(?i)([?&](passphrase|password|pass|pwd|token|key|secret|auth|access_token|signature|sig)=)[^&]*", "$1***");
    }

    /** True for anything FFmpeg reads as a live network source (not files, not pipes). */
    public static boolean isNetwork(String url) {
        int i = url.indexOf("://");
        if (i <= 0) {
            return false;
        }
        String scheme = url.substring(0, i).toLowerCase(Locale.ROOT);
        return !scheme.equals("file") && !scheme.equals("pipe");
    }
}
