# Reference accuracies for TribuoVsScikitLearnTest: scikit-learn 1.2.1 (Debian python3-sklearn),
# StratifiedKFold(n_splits=10, shuffle=True, random_state=0), scaler fitted inside each fold.
import numpy as np, warnings
warnings.filterwarnings("ignore")
from sklearn.datasets import load_iris, load_breast_cancer
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler, MinMaxScaler
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.svm import LinearSVC, SVC
from sklearn.tree import DecisionTreeClassifier
from sklearn.ensemble import RandomForestClassifier, ExtraTreesClassifier, AdaBoostClassifier, HistGradientBoostingClassifier
from sklearn.neighbors import KNeighborsClassifier
from sklearn.naive_bayes import MultinomialNB
cv = StratifiedKFold(n_splits=10, shuffle=True, random_state=0)
models = {
 "logistic": make_pipeline(StandardScaler(), LogisticRegression()),
 "linear-svm": make_pipeline(StandardScaler(), LinearSVC(C=1.0, random_state=0)),
 "liblinear": make_pipeline(StandardScaler(), LogisticRegression(solver="liblinear", C=1.0)),
 "svm-rbf": make_pipeline(StandardScaler(), SVC(C=1.0, gamma="auto")),
 "tree": make_pipeline(StandardScaler(), DecisionTreeClassifier(max_depth=8, min_samples_leaf=5, random_state=0)),
 "forest": make_pipeline(StandardScaler(), RandomForestClassifier(n_estimators=100, max_depth=20, max_features=0.5, random_state=0)),
 "extra-trees": make_pipeline(StandardScaler(), ExtraTreesClassifier(n_estimators=100, max_depth=20, max_features=0.5, random_state=0)),
 "adaboost": make_pipeline(StandardScaler(), AdaBoostClassifier(n_estimators=50, algorithm="SAMME", random_state=0)),
 "knn": make_pipeline(StandardScaler(), KNeighborsClassifier(5)),
 "boosting": make_pipeline(StandardScaler(), HistGradientBoostingClassifier(max_iter=100, learning_rate=0.3, max_depth=6, random_state=0)),
 "mnb-minmax": make_pipeline(MinMaxScaler(), MultinomialNB(alpha=1.0)),
}
for name, load in (("iris", load_iris), ("breast_cancer", load_breast_cancer)):
    X, y = load(return_X_y=True)
    folds = np.empty(len(y), dtype=int)
    for k, (_, test) in enumerate(cv.split(X, y)):
        folds[test] = k
    print(name, "folds", "".join(map(str, folds)))
    for m, est in models.items():
        s = cross_val_score(est, X, y, cv=cv)
        print(name, m, "%.3f %.3f" % (s.mean(), s.std()))

# Added: closer counterparts for XGBoost (exact greedy trees, no minimum leaf size, as XGBoost's defaults) and for
# naive Bayes with the scaler's clip=True (Tribuo's naive Bayes refuses negative values when predicting too).
from sklearn.ensemble import GradientBoostingClassifier
more = {
 "gradient-boosting": make_pipeline(StandardScaler(), GradientBoostingClassifier(n_estimators=100, learning_rate=0.3, max_depth=6, random_state=0)),
 "mnb-minmax-clip": make_pipeline(MinMaxScaler(clip=True), MultinomialNB(alpha=1.0)),
}
for name, load in (("iris", load_iris), ("breast_cancer", load_breast_cancer)):
    X, y = load(return_X_y=True)
    for m, est in more.items():
        s = cross_val_score(est, X, y, cv=cv)
        print(name, m, "%.3f %.3f" % (s.mean(), s.std()))
