package io.oauthgov.analyzer.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The compiled glob matches exactly what the glob's regular expression (the former implementation) matches. */
class ScopePatternTest {
    private static final char[] ALPHABET = {'a', 'b', ':', '*', '\\'};

    /** The glob as a regex: '*' is '.*', '\x' is a literal x, anything else itself; the whole scope must match. */
    private static Pattern reference(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static String random(Random random, int maxLength, boolean glob) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            char c = ALPHABET[random.nextInt(glob ? ALPHABET.length : ALPHABET.length - 1)];
            text.append(c);
            if (c == '\\') {
                text.append(ALPHABET[random.nextInt(ALPHABET.length)]); // never a dangling escape
            }
        }
        return text.toString();
    }

    @Test
    void matchesWhatTheGlobsRegularExpressionMatchesOnRandomGlobsAndScopes() {
        Random random = new Random(20);
        int compared = 0;
        for (int g = 0; g < 3_000; g++) {
            String glob = random(random, 6, true);
            if (glob.isBlank()) {
                continue;
            }
            ScopePattern pattern = ScopePattern.of(glob);
            Pattern regex = reference(glob);
            for (int s = 0; s < 40; s++) {
                String scope = random(random, 7, false);
                assertThat(pattern.matches(scope)).as("glob '%s' on scope '%s'", glob, scope)
                        .isEqualTo(regex.matcher(scope).matches());
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(100_000);
    }

    @Test
    void starsAndEscapesOfThePolicyExamples() {
        assertThat(ScopePattern.of("*").matches("")).isTrue();
        assertThat(ScopePattern.of("a*b*a").matches("aba")).isTrue();
        assertThat(ScopePattern.of("a*a").matches("a")).isFalse();
        assertThat(ScopePattern.of("*\\*").matches("users:*")).isTrue();
        assertThat(ScopePattern.of("*\\*").matches("users:write")).isFalse();
        assertThat(ScopePattern.of("admin").matches(null)).isFalse();
    }
}
