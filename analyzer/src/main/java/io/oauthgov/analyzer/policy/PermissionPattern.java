package io.oauthgov.analyzer.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A permission pattern in the policy: {@code domain:entity:action}, each part a name, {@code *} (any), or
 * alternatives {@code add|edit|delete}; missing trailing parts mean {@code *} ({@code sso} is {@code sso:*:*}).
 *
 * <p>A pattern matches a granted permission when the grant can do what the pattern names: a part matches when the
 * pattern's part is {@code *}, names the granted value, or the grant's part is itself the wildcard {@code *}
 * (Master Admin's {@code *:*:*} can do everything, so every pattern matches it).
 */
public record PermissionPattern(String text, List<Set<String>> parts) {
    private static final Pattern PART = Pattern.compile("\\*|[A-Za-z0-9_-]+(\\|[A-Za-z0-9_-]+)*");

    /** @throws IllegalArgumentException when the pattern is blank, has more than three parts or a malformed part */
    public static PermissionPattern of(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a permission pattern must not be blank");
        }
        String[] split = text.trim().split(":", -1);
        if (split.length > 3) {
            throw new IllegalArgumentException("pattern '" + text + "' has more than three parts (domain:entity:action)");
        }
        List<Set<String>> parts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String part = i < split.length ? split[i] : Permission.ANY;
            if (!PART.matcher(part).matches()) {
                throw new IllegalArgumentException("pattern '" + text + "': part '" + part
                        + "' must be a name, '*' or alternatives like add|edit|delete");
            }
            parts.add(Set.copyOf(Arrays.asList(part.split("\\|"))));
        }
        return new PermissionPattern(text.trim(), List.copyOf(parts));
    }

    public boolean matches(Permission granted) {
        return part(0, granted.domain()) && part(1, granted.entity()) && part(2, granted.action());
    }

    private boolean part(int index, String granted) {
        Set<String> allowed = parts.get(index);
        return allowed.contains(Permission.ANY) || Permission.ANY.equals(granted) || allowed.contains(granted);
    }

    @Override
    public String toString() {
        return text;
    }
}
