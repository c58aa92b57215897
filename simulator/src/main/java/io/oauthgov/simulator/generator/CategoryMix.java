package io.oauthgov.simulator.generator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How many clients of each category an organization gets. About a quarter are stale (the population a
 * governance run is meant to find); every trap category is present once an org has at least 20 clients.
 */
public final class CategoryMix {
    /** Share of the generated clients per category; ACTIVE_IN_USE takes whatever is left (~9.5%). */
    public static final Map<Category, Double> SHARES = shares();

    private CategoryMix() {
    }

    private static Map<Category, Double> shares() {
        Map<Category, Double> shares = new EnumMap<>(Category.class);
        shares.put(Category.STALE_UNUSED, 0.25);
        shares.put(Category.OLD_METADATA_BUT_USED, 0.10);
        shares.put(Category.RECENTLY_CREATED, 0.08);
        shares.put(Category.PROTECTED, 0.07);
        shares.put(Category.USER_FACING_GRANT, 0.10);
        shares.put(Category.DISABLED_LONG_AGO, 0.06);
        shares.put(Category.HIGH_RISK_SCOPES, 0.06);
        shares.put(Category.CHANGES_MID_RUN, 0.02);
        shares.put(Category.VANISHES_MID_RUN, 0.02);
        shares.put(Category.TOKEN_ONLY_USE, 0.025);
        shares.put(Category.PRIVILEGED_STALE, 0.03);
        shares.put(Category.OVERPRIVILEGED_ACTIVE, 0.04);
        shares.put(Category.READ_ONLY_ACTIVE, 0.05);
        return Map.copyOf(shares);
    }

    /** The categories of {@code clients} clients, in a seeded random order. */
    static List<Category> assign(int clients, SeededRandom random) {
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        int assigned = 0;
        for (Category category : Category.values()) {
            if (category == Category.ACTIVE_IN_USE) {
                continue;
            }
            int count = (int) Math.floor(clients * SHARES.get(category));
            if (count == 0 && clients >= 20) {
                count = 1;
            }
            counts.put(category, count);
            assigned += count;
        }
        counts.put(Category.ACTIVE_IN_USE, Math.max(0, clients - assigned));
        List<Category> categories = new ArrayList<>(clients);
        counts.forEach((category, count) -> {
            for (int i = 0; i < count; i++) {
                categories.add(category);
            }
        });
        while (categories.size() > clients) {
            categories.remove(categories.size() - 1);
        }
        random.shuffle(categories);
        return categories;
    }
}
