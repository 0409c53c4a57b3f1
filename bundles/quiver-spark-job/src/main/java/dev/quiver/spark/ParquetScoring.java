package dev.quiver.spark;

import dev.quiver.api.port.Model;
import dev.quiver.nodes.io.batch.BatchScoring;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Parquet input: each row is written as a CSV record (numbers in Java's shortest round-trip form,
 * missing as empty) and then goes through exactly the CSV path, so the model sees its feature columns
 * typed as at training and the output is formatted by the same writer. A text cell holding a line break
 * is refused there, as it is in CSV.
 */
final class ParquetScoring {
    private ParquetScoring() {
    }

    static JavaRDD<String> score(JavaSparkContext spark, String input, String id, Broadcast<byte[]> model,
            Model driverModel, LongAccumulator rows, CollectionAccumulator<String> failures,
            CollectionAccumulator<String> workers) {
        SparkSession session = SparkSession.builder().sparkContext(spark.sc()).getOrCreate();
        Dataset<Row> data = session.read().parquet(input);
        List<String> names = List.of(data.schema().fieldNames());
        String header = String.join(",", names.stream().map(ParquetScoring::quote).toList());
        String source = new org.apache.hadoop.fs.Path(input).getName();
        new BatchScoring(driverModel, header, source); // the columns are checked here, once, before any task
        // The CSV task skips partition 0's first element as the header line: give it one.
        var task = new ScoreTask(id, model, header, source, rows, failures, workers);
        return data.javaRDD().mapPartitionsWithIndex((partition, it) -> {
            Iterator<String> lines = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public String next() {
                    return line(it.next());
                }
            };
            if (partition == 0) {
                lines = prepend(header, lines);
            }
            return task.call(partition, lines);
        }, true);
    }

    static String line(Row row) {
        var sb = new StringBuilder(128);
        for (int i = 0; i < row.length(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (!row.isNullAt(i)) {
                sb.append(quote(String.valueOf(row.get(i))));
            }
        }
        return sb.toString();
    }

    private static Iterator<String> prepend(String first, Iterator<String> rest) {
        List<String> head = new ArrayList<>(List.of(first));
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !head.isEmpty() || rest.hasNext();
            }

            @Override
            public String next() {
                return head.isEmpty() ? rest.next() : head.remove(0);
            }
        };
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
