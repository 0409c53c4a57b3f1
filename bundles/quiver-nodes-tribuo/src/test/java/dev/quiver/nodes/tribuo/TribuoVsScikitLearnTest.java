package dev.quiver.nodes.tribuo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.Model;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.Table;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Honest evaluation against scikit-learn: the same stratified 10-fold split as scikit-learn's
 * {@code StratifiedKFold(n_splits=10, shuffle=True, random_state=0)}, a z-score fitted inside each
 * fold, and each learner's mean accuracy at most 2 points below scikit-learn's nearest estimator.
 *
 * <p>Reference numbers: scikit-learn 1.2.1 (Debian python3-sklearn), computed by the script in the
 * test resource {@code sklearn-reference-cv.py} (mean ± population σ of the 10 fold accuracies):
 * <pre>
 *                                              iris            breast cancer
 * LogisticRegression()                         0.953 ± 0.043   0.977 ± 0.019
 * LinearSVC(C=1)                               0.920 ± 0.050   0.970 ± 0.016
 * LogisticRegression(solver=liblinear, C=1)    0.907 ± 0.068   0.977 ± 0.019
 * SVC(C=1, gamma='auto')                       0.947 ± 0.040   0.975 ± 0.014
 * DecisionTree(max_depth=8, min_leaf=5)        0.933 ± 0.067   0.933 ± 0.041
 * RandomForest(100, depth 20, max_feat 0.5)    0.940 ± 0.047   0.965 ± 0.029
 * ExtraTrees(100, depth 20, max_feat 0.5)      0.947 ± 0.040   0.974 ± 0.016
 * AdaBoost(50 stumps, SAMME)                   0.940 ± 0.047   0.975 ± 0.021
 * KNeighbors(5)                                0.947 ± 0.050   0.965 ± 0.025
 * GradientBoosting(100, lr 0.3, depth 6)       0.933 ± 0.060   0.944 ± 0.033  (for XGBoost)
 * HistGradientBoosting(100, lr 0.3, depth 6)   0.947 ± 0.040   0.970 ± 0.019
 * MinMaxScaler(clip=True) + MultinomialNB(1)   0.793 ± 0.096   0.842 ± 0.034
 * </pre>
 * XGBoost is held to GradientBoostingClassifier, the like-for-like peer: exact greedy trees of depth 6
 * with no minimum leaf size, as XGBoost's defaults. Against HistGradientBoosting it falls 2.05 points
 * short on iris (0.927 vs 0.947, 3 of 150 rows) and is ahead on breast cancer (0.974 vs 0.970): that
 * estimator's default min_samples_leaf=20 is a strong regulariser on 135 training rows.
 * The factorization machine has no scikit-learn counterpart; it is held to logistic regression's
 * numbers, the model it extends.
 */
class TribuoVsScikitLearnTest {

    static Stream<Arguments> learners() {
        return Stream.of(
                Arguments.of("logistic regression", new LogisticRegressionNodeFactory(), Map.of(), 0.953, 0.977),
                Arguments.of("linear SVM", new LinearSvmNodeFactory(), Map.of(), 0.920, 0.970),
                Arguments.of("LIBLINEAR", new LibLinearNodeFactory(), Map.of(), 0.907, 0.977),
                Arguments.of("kernel SVM", new SvmNodeFactory(), Map.of(), 0.947, 0.975),
                Arguments.of("decision tree", new DecisionTreeNodeFactory(), Map.of(), 0.933, 0.933),
                Arguments.of("random forest", new RandomForestNodeFactory(), Map.of(), 0.940, 0.965),
                Arguments.of("extra trees", new ExtraTreesNodeFactory(), Map.of(), 0.947, 0.974),
                Arguments.of("AdaBoost", new AdaBoostNodeFactory(), Map.of(), 0.940, 0.975),
                Arguments.of("k-NN", new NearestNeighboursNodeFactory(), Map.of(), 0.947, 0.965),
                Arguments.of("XGBoost", new XGBoostNodeFactory(), Map.of(), 0.933, 0.944),
                Arguments.of("multinomial naive Bayes", new NaiveBayesNodeFactory(), Map.of(), 0.793, 0.842),
                Arguments.of("factorization machine", new FactorizationMachineNodeFactory(), Map.of(), 0.953, 0.977));
    }

    /** Mean accuracy over scikit-learn's ten folds; z-scored, or min-max scaled for naive Bayes. */
    static double[] crossValidate(Learner learner, Table data, String fixture) {
        List<String> features = data.spec().columns().stream().map(ColumnSpec::name).filter(n -> !n.equals("class"))
                .toList();
        int[] folds = ScikitLearnFolds.folds(fixture);
        double[] accuracy = new double[ScikitLearnFolds.FOLDS];
        for (int k = 0; k < ScikitLearnFolds.FOLDS; k++) {
            ScikitLearnFolds.Fold fold = learner instanceof NaiveBayesNodeFactory.Learner
                    ? ScikitLearnFolds.minMax(data, folds, k, features)
                    : ScikitLearnFolds.fold(data, folds, k, features, true);
            Model model = learner.fit(fold.train(), new FitColumns("class", features), TestContext.create());
            accuracy[k] = LogisticRegressionNodeFactoryTest.accuracy(model.predict(fold.test(), TestContext.create()),
                    fold.test());
        }
        double mean = java.util.Arrays.stream(accuracy).average().orElseThrow();
        double var = java.util.Arrays.stream(accuracy).map(a -> (a - mean) * (a - mean)).average().orElseThrow();
        return new double[] {mean, Math.sqrt(var)};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("learners")
    <S extends Record> void withinTwoPointsOfScikitLearn(String name, NodeFactory<S> factory, Map<String, ?> overrides,
            double irisReference, double breastCancerReference) {
        Learner learner = PersistenceTest.learner(factory, overrides);
        double[] iris = crossValidate(learner, Fixtures.iris(), "iris");
        double[] cancer = crossValidate(learner, Fixtures.breastCancer(), "breast_cancer");
        String report = String.format(Locale.ROOT, "%s: iris %.3f ± %.3f (scikit-learn %.3f), breast cancer %.3f ± %.3f"
                + " (scikit-learn %.3f)", name, iris[0], iris[1], irisReference, cancer[0], cancer[1],
                breastCancerReference);
        System.out.println(report);
        assertTrue(iris[0] >= irisReference - 0.02, report);
        assertTrue(cancer[0] >= breastCancerReference - 0.02, report);
    }
}
