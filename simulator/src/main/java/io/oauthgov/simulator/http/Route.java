package io.oauthgov.simulator.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One API endpoint: method, path template ({@code /api/v2/oauth/clients/{clientId}}), required permission and
 * handler. The template (without the leading slash) is what usage rows report as {@code templateUri}.
 */
public record Route(String method, String template, String permission, Handler handler, Pattern pattern,
        List<String> names) {

    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiCall call) throws IOException;
    }

    public static Route of(String method, String template, String permission, Handler handler) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return new Route(method, template, permission, handler, Pattern.compile(regex.toString()), List.copyOf(names));
    }

    /** Path parameters if the path matches this route's template. */
    public Optional<Map<String, String>> match(String path) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            params.put(names.get(i), java.net.URLDecoder.decode(m.group(i + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return Optional.of(params);
    }

    public String templateUri() {
        return template.substring(1);
    }
}
