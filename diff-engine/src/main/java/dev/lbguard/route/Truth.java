package dev.lbguard.route;

/** Three-valued logic for conditions whose values may be unknown. */
enum Truth {
    TRUE, FALSE, UNKNOWN;

    static Truth of(boolean b) {
        return b ? TRUE : FALSE;
    }
}
