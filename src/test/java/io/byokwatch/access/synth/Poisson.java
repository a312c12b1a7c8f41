package io.byokwatch.access.synth;

import java.util.SplittableRandom;

/** Poisson draws: Knuth's method for small means, a rounded normal for large ones (error far below the noise). */
final class Poisson {
    private Poisson() {
    }

    static int draw(SplittableRandom rnd, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 40) {
            double x = mean + Math.sqrt(mean) * gaussian(rnd);
            return (int) Math.max(0, Math.round(x));
        }
        double limit = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > limit);
        return k - 1;
    }

    static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
