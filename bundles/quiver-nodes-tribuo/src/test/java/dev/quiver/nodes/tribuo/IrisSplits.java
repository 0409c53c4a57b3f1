package dev.quiver.nodes.tribuo;

import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** A stratified train/test split and a z-score fitted on the training part, as the iris workflow does. */
final class IrisSplits {
    static final List<String> FEATURES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");

    record Split(Table train, Table test) {
    }

    private IrisSplits() {
    }

    /** Shuffles each class with the seed and puts the first round(fraction · n_class) rows into train. */
    static Split stratified(Table table, String label, double trainFraction, long seed) {
        StringColumn y = table.stringColumn(label);
        var random = new SplittableRandom(seed);
        var train = new ArrayList<Integer>();
        var test = new ArrayList<Integer>();
        for (int k = 0; k < y.domain().size(); k++) {
            var rows = new ArrayList<Integer>();
            for (int i = 0; i < table.rowCount(); i++) {
                if (y.code(i) == k) {
                    rows.add(i);
                }
            }
            for (int i = rows.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = rows.get(i);
                rows.set(i, rows.get(j));
                rows.set(j, t);
            }
            int cut = (int) Math.round(trainFraction * rows.size());
            train.addAll(rows.subList(0, cut));
            test.addAll(rows.subList(cut, rows.size()));
        }
        return new Split(table.rows(sorted(train)), table.rows(sorted(test)));
    }

    private static int[] sorted(List<Integer> rows) {
        int[] out = rows.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(out);
        return out;
    }

    /** Z-scores both parts with the training mean and sample standard deviation. */
    static Split zScore(Split split) {
        Table train = split.train();
        Table test = split.test();
        for (String f : FEATURES) {
            double[] v = train.doubleColumn(f).toArray();
            double mean = Arrays.stream(v).average().orElseThrow();
            double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
            double sd = Math.sqrt(ss / (v.length - 1));
            train = train.withColumn(scaled(train.doubleColumn(f), mean, sd));
            test = test.withColumn(scaled(test.doubleColumn(f), mean, sd));
        }
        return new Split(train, test);
    }

    private static DoubleColumn scaled(DoubleColumn c, double mean, double sd) {
        double[] v = c.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = (v[i] - mean) / sd;
        }
        return DoubleColumn.wrap(c.spec(), v);
    }
}
