package dev.quiver.nodes.tribuo;

import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** The iris workflow's data preparation by hand: Partition's stratified split and the Normalizer's z-score. */
final class IrisSplits {
    static final List<String> FEATURES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");

    record Split(Table train, Table test) {
    }

    private IrisSplits() {
    }

    /**
     * The Partition node's STRATIFIED mode, step for step: one random source seeded once; for each
     * class in domain order, a partial Fisher–Yates shuffle marks round(fraction · class size) rows
     * as train; both parts keep the input's row order.
     */
    static Split stratified(Table table, String label, double trainFraction, long seed) {
        StringColumn y = table.stringColumn(label);
        var random = new SplittableRandom(seed);
        boolean[] isTrain = new boolean[table.rowCount()];
        for (int k = 0; k < y.domain().size(); k++) {
            var members = new ArrayList<Integer>();
            for (int i = 0; i < table.rowCount(); i++) {
                if (y.code(i) == k) {
                    members.add(i);
                }
            }
            int[] r = members.stream().mapToInt(Integer::intValue).toArray();
            int take = (int) Math.round(trainFraction * r.length);
            for (int i = 0; i < take; i++) {
                int j = i + random.nextInt(r.length - i);
                int t = r[i];
                r[i] = r[j];
                r[j] = t;
                isTrain[r[i]] = true;
            }
        }
        var train = new ArrayList<Integer>();
        var test = new ArrayList<Integer>();
        for (int i = 0; i < isTrain.length; i++) {
            (isTrain[i] ? train : test).add(i);
        }
        return new Split(table.rows(sorted(train)), table.rows(sorted(test)));
    }

    private static int[] sorted(List<Integer> rows) {
        int[] out = rows.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(out);
        return out;
    }

    /** Z-scores both parts with the training mean and population standard deviation, as the Normalizer. */
    static Split zScore(Split split) {
        Table train = split.train();
        Table test = split.test();
        for (String f : FEATURES) {
            double[] v = train.doubleColumn(f).toArray();
            double mean = Arrays.stream(v).average().orElseThrow();
            double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
            double sd = Math.sqrt(ss / v.length);
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
