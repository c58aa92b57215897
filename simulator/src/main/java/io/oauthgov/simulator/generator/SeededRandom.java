package io.oauthgov.simulator.generator;

import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Seeded randomness with the helpers the generator needs. {@link SplittableRandom} gives the same sequence for
 * the same seed on every JVM, which is what makes the ground truth byte-identical.
 */
final class SeededRandom {
    private final SplittableRandom random;

    SeededRandom(long seed) {
        this(new SplittableRandom(seed));
    }

    private SeededRandom(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream, so adding clients to one org does not shift another org's values. */
    SeededRandom split() {
        return new SeededRandom(random.split());
    }

    int between(int fromInclusive, int toInclusive) {
        return toInclusive <= fromInclusive ? fromInclusive : random.nextInt(fromInclusive, toInclusive + 1);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** A version-4-shaped UUID drawn from the seed. */
    String uuid() {
        long msb = (random.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }
}
