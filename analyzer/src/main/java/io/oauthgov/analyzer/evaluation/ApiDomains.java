package io.oauthgov.analyzer.evaluation;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which permission domain an API path belongs to, so usage rows (grouped by template URI) can be compared with the
 * permissions a client holds. The mapping reads the path after {@code api/v2/}: the longest prefix in the table
 * below wins, and a path the table does not know maps to its first segment (right for most domains, e.g.
 * {@code routing}, {@code analytics}, {@code oauth}).
 *
 * <p>Approximate by nature: Genesys documents permissions per endpoint, not per path segment. Where a segment and
 * its domain differ the table says so; where one path serves several domains (a user's presence lives under
 * {@code users/}) the more specific prefix comes first.
 *
 * <pre>
 *  users/{userId}/presences  presence        presencedefinitions  presence
 *  users, groups, locations  directory       workforcemanagement  wfm
 *  conversations             conversation    recordings           recording
 *  identityproviders         sso             flows                architect
 *  externalcontacts          externalContacts
 * </pre>
 */
public final class ApiDomains {
    private static final String PREFIX = "api/v2/";
    private static final List<Map.Entry<String, String>> TABLE = List.of(
            Map.entry("users/{userId}/presences", "presence"),
            Map.entry("presencedefinitions", "presence"),
            Map.entry("users", "directory"),
            Map.entry("groups", "directory"),
            Map.entry("locations", "directory"),
            Map.entry("workforcemanagement", "wfm"),
            Map.entry("conversations", "conversation"),
            Map.entry("recordings", "recording"),
            Map.entry("identityproviders", "sso"),
            Map.entry("flows", "architect"),
            Map.entry("externalcontacts", "externalContacts"));
    private static final List<Map.Entry<String, String>> LONGEST_FIRST = TABLE.stream()
            .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed()).toList();

    private ApiDomains() {}

    /** The permission domain of a template URI such as {@code api/v2/users/{userId}}. */
    public static String domainOf(String templateUri) {
        String path = templateUri.startsWith("/") ? templateUri.substring(1) : templateUri;
        path = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
        for (Map.Entry<String, String> entry : LONGEST_FIRST) {
            if (path.equals(entry.getKey()) || path.startsWith(entry.getKey() + "/")) {
                return entry.getValue();
            }
        }
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }
}
