package dev.quiver.nodes.tribuo;

import org.tribuo.classification.dtree.impurity.Entropy;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.dtree.impurity.LabelImpurity;

/** How a tree measures the class mixture of a node; a split must lower it. */
public enum Impurity {
    /** Gini index 1 − Σ p_k²: the chance that two rows drawn from the node have different classes. */
    GINI,
    /** Entropy −Σ p_k log p_k: the information needed to name a row's class. */
    ENTROPY;

    LabelImpurity tribuo() {
        return this == GINI ? new GiniIndex() : new Entropy();
    }
}
