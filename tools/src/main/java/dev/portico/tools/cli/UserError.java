package dev.portico.tools.cli;

/**
 * Something the user can put right: a bad flag, a missing file, a table that already exists. The command prints
 * its message on one line and exits 2; it never carries a stack trace.
 */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message, null, false, false);
    }
}
