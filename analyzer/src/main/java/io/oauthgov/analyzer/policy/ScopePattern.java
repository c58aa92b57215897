package io.oauthgov.analyzer.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A scope pattern with simple glob semantics: {@code *} matches any run of characters (including none), {@code \*}
 * matches a literal star, everything else matches itself, and the whole scope must match. The escape exists because
 * Genesys scopes can literally be {@code *} (all scopes): the policy must be able to name that grant without its
 * pattern matching every scope.
 *
 * <p>Examples: {@code admin} matches exactly {@code admin}; {@code *:write} matches {@code users:write};
 * {@code \*} matches only the scope {@code *}; {@code \*:\*} matches only {@code *:*}.
 */
public record ScopePattern(String glob, List<String> literals, boolean leadingStar, boolean trailingStar) {

    public ScopePattern {
        literals = List.copyOf(literals);
    }

    /**
     * Compiles the glob once, at policy load, into its literal runs between stars: matching is then a few
     * {@code startsWith}/{@code indexOf}/{@code endsWith} calls per scope instead of a regex matcher (the evaluator
     * checks every scope of every client against every pattern).
     *
     * @throws IllegalArgumentException when the glob is blank or ends with a dangling escape
     */
    public static ScopePattern of(String glob) {
        if (glob == null || glob.isBlank()) {
            throw new IllegalArgumentException("a scope pattern must not be blank");
        }
        List<String> literals = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean leadingStar = false;
        boolean trailingStar = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                if (i + 1 >= glob.length()) {
                    throw new IllegalArgumentException("pattern '" + glob + "' ends with a dangling '\\'");
                }
                literal.append(glob.charAt(++i));
                trailingStar = false;
            } else if (c == '*') {
                if (literal.length() > 0) {
                    literals.add(literal.toString());
                    literal.setLength(0);
                } else if (literals.isEmpty()) {
                    leadingStar = true;
                }
                trailingStar = true;
            } else {
                literal.append(c);
                trailingStar = false;
            }
        }
        if (literal.length() > 0) {
            literals.add(literal.toString());
        }
        return new ScopePattern(glob, literals, leadingStar, trailingStar);
    }

    public boolean matches(String scope) {
        if (scope == null) {
            return false;
        }
        if (literals.isEmpty()) {
            return leadingStar || scope.isEmpty(); // "*" (or "**") matches anything
        }
        int last = literals.size() - 1;
        if (!leadingStar && !trailingStar && last == 0) {
            return scope.equals(literals.get(0));
        }
        int from = 0;
        int to = scope.length();
        if (!leadingStar) {
            if (!scope.startsWith(literals.get(0))) {
                return false;
            }
            from = literals.get(0).length();
        }
        if (!trailingStar) {
            String end = literals.get(last);
            if (to - from < end.length() || !scope.endsWith(end)) {
                return false;
            }
            to -= end.length();
        }
        // The runs between are found leftmost first: with '*' as the only wildcard that is never worse than later.
        for (int i = leadingStar ? 0 : 1; i <= (trailingStar ? last : last - 1); i++) {
            int at = scope.indexOf(literals.get(i), from);
            if (at < 0 || at + literals.get(i).length() > to) {
                return false;
            }
            from = at + literals.get(i).length();
        }
        return true;
    }

    @Override
    public String toString() {
        return glob;
    }
}
