package io.connectionhealth.base;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who changed access to a workspace (users, roles, passwords, API keys), one INFO line each under the logger
 * {@code io.connectionhealth.audit}, written once the change is committed (a change rolled back is not told). A
 * self-hoster had no record of them; the webhook settings log their own.
 */
public final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.connectionhealth.audit");

    private AuditLog() {
    }

    public static void committed(String format, Object... arguments) {
        AfterCommit.run(() -> LOG.info(format, arguments));
    }

    /**
     * Text a user typed, for one log line, at most 100 chars: control characters (a forged line break), line and
     * paragraph separators, and invisible format characters (a right-to-left override reversed the rest of the line
     * in a log viewer; an audit) as '?'.
     */
    public static String typed(String text) {
        if (text == null) {
            return "";
        }
        String clipped = text.length() > 100 ? text.substring(0, 100) + "…" : text;
        StringBuilder out = new StringBuilder(clipped.length());
        clipped.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR ? '?' : c));
        return out.toString();
    }
}
