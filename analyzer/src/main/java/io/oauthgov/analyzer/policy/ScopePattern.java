package io.oauthgov.analyzer.policy;

import java.util.regex.Pattern;

/**
 * A scope pattern with simple glob semantics: {@code *} matches any run of characters (including none), {@code \*}
 * matches a literal star, everything else matches itself, and the whole scope must match. The escape exists because
 * Genesys scopes can literally be {@code *} (all scopes): the policy must be able to name that grant without its
 * pattern matching every scope.
 *
 * <p>Examples: {@code admin} matches exactly {@code admin}; {@code *:write} matches {@code users:write};
 * {@code \*} matches only the scope {@code *}; {@code \*:\*} matches only {@code *:*}.
 */
public record ScopePattern(String glob, Pattern regex) {

    /** @throws IllegalArgumentException when the glob is blank or ends with a dangling escape */
    public static ScopePattern of(String glob) {
        if (glob == null || glob.isBlank()) {
            throw new IllegalArgumentException("a scope pattern must not be blank");
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                if (i + 1 >= glob.length()) {
                    throw new IllegalArgumentException("pattern '" + glob + "' ends with a dangling '\\'");
                }
                literal.append(glob.charAt(++i));
            } else if (c == '*') {
                flush(regex, literal);
                regex.append(".*");
            } else {
                literal.append(c);
            }
        }
        flush(regex, literal);
        return new ScopePattern(glob, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    private static void flush(StringBuilder regex, StringBuilder literal) {
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }

    public boolean matches(String scope) {
        return scope != null && regex.matcher(scope).matches();
    }

    @Override
    public String toString() {
        return glob;
    }
}
