package io.connectionhealth.connection;

/**
 * How the connection search compares text: lower case, one code point at a time, with the two context rules that
 * databases apply differently taken out. A libc locale lowers "İ" to "i" and every "Σ" to "σ"; H2 and an ICU collation
 * lower "İ" to "i" + U+0307 and a word-final "Σ" to "ς". So the stored text (V13: the same steps in SQL, after the
 * database's lower()) and the query both end as "i" and "σ", and an exact substring is found on every database.
 */
final class SearchFold {

    static final char FINAL_SIGMA = '\u03c2';
    static final char SIGMA = '\u03c3';
    static final char COMBINING_DOT_ABOVE = '\u0307';

    private SearchFold() {
    }

    static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().map(Character::toLowerCase).forEach(cp -> {
            if (cp == FINAL_SIGMA) {
                folded.append(SIGMA);
            } else if (cp != COMBINING_DOT_ABOVE) {
                folded.appendCodePoint(cp);
            }
        });
        return folded.toString();
    }

    /** The same steps in SQL over an expression already lower-cased by the database ({@code chr} on PostgreSQL). */
    static String foldSql(String loweredSql, boolean h2) {
        String dot = h2 ? "char(775)" : "chr(775)";
        return "replace(translate(" + loweredSql + ", '" + FINAL_SIGMA + "', '" + SIGMA + "'), " + dot + ", '')";
    }
}
