package bench;

import java.util.Arrays;
import java.util.Locale;

/** min / median / p99 of a sample, and the tab-separated line bench/report.py reads. */
final class Stats {
    final double min;
    final double median;
    final double p99;
    final int count;

    Stats(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        count = sorted.length;
        min = sorted[0];
        median = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
        p99 = sorted[(int) Math.min(count - 1, Math.ceil(count * 0.99) - 1)];
    }

    /** section, name, variant, min, median, p99, unit, count, extra */
    String line(String section, String name, String variant, String unit, String extra) {
        return String.format(Locale.ROOT, "%s\t%s\t%s\t%.3f\t%.3f\t%.3f\t%s\t%d\t%s",
                section, name, variant, min, median, p99, unit, count, extra);
    }
}
