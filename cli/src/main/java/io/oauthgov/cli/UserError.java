package io.oauthgov.cli;

/** A mistake the user can fix (bad option, missing setting): exit code 2, one line and a hint. */
public final class UserError extends RuntimeException {
    private final String hint;

    public UserError(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
