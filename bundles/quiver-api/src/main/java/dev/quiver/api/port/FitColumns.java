package dev.quiver.api.port;

import java.util.List;

/** Which column a learner predicts and which columns it learns from. */
public record FitColumns(String label, List<String> features) {
    public FitColumns {
        features = List.copyOf(features);
    }
}
