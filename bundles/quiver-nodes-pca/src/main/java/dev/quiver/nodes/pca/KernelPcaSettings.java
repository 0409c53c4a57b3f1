package dev.quiver.nodes.pca;

import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import dev.quiver.api.table.ColumnType;
import java.util.List;

/** Settings of the Kernel PCA node. */
@Description("Kernel PCA: PCA in the feature space of a kernel, computed through the n × n kernel matrix.")
public record KernelPcaSettings(
        @Label("Columns")
        @Description("Numeric columns to use. Empty = every numeric column with the FEATURE role.")
        @ColumnRef(port = 0, types = {ColumnType.DOUBLE, ColumnType.LONG}, optional = true)
        List<String> columns,

        @Label("Components")
        @Description("Number of kernel principal components to compute (output columns KPC1..KPCk).")
        @Range(min = 1, max = 1_000)
        int components,

        @Label("Kernel")
        @Description("The similarity k(x, y) = ⟨φ(x), φ(y)⟩ that defines the feature space φ. LINEAR gives plain PCA; "
                + "RBF exp(−γ‖x − y‖²) can unfold curved structure such as concentric rings.")
        KernelType kernel,

        @Label("Gamma")
        @Description("γ of the RBF, polynomial and sigmoid kernels. Large γ makes the RBF kernel local (only close rows "
                + "are similar), small γ makes it nearly linear. 0 = automatic: 1 / number of columns.")
        @Range(min = 0, max = 1e6, log = true)
        double gamma,

        @Label("Degree")
        @Description("Degree of the polynomial kernel.")
        @Range(min = 1, max = 10)
        int degree,

        @Label("Coef0")
        @Description("Constant term of the polynomial and sigmoid kernels.")
        @Range(min = -1e6, max = 1e6)
        double coef0,

        @Label("Eigen solver")
        @Tunable(false)
        @Description("DENSE: full eigendecomposition (small data). ITERATIVE: Lanczos for the top components. "
                + "NYSTROM: approximate the kernel through landmark rows (large data). AUTO: DENSE up to 500 rows, "
                + "ITERATIVE while the kernel fits the memory limit, NYSTROM beyond.")
        KernelSolver solver,

        @Label("Landmarks")
        @Description("Rows sampled for the Nyström approximation (capped at the row count). More landmarks: more "
                + "accurate, time grows with landmarks² × rows.")
        @Range(min = 2, max = 20_000)
        int landmarks,

        @Label("Seed")
        @Description("Seeds the landmark sample and the Lanczos start vector: the same seed gives the same result.")
        @Tunable(false)
        long seed,

        @Label("Max kernel megabytes")
        @Description("Memory limit for the n × n kernel: ITERATIVE stores its lower triangle (4 n(n + 1) bytes), DENSE "
                + "three full copies (24 n² bytes). Over it, DENSE and ITERATIVE fail with advice and AUTO switches to NYSTROM.")
        @Range(min = 1, max = 1_000_000)
        @Tunable(false)
        int maxKernelMegabytes,

        @Label("Keep original columns")
        @Tunable(false)
        @Description("Keep the input columns in the output table beside KPC1..KPCk (off: they are replaced).")
        boolean keepOriginal,

        @Label("Colour by")
        @Description("Column that colours the 2-D projection chart. Blank = the LABEL column, if any.")
        @ColumnRef(port = 0, optional = true)
        String colorColumn) {

    public KernelPcaSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
        kernel = kernel == null ? KernelType.RBF : kernel;
        solver = solver == null ? KernelSolver.AUTO : solver;
        colorColumn = colorColumn == null ? "" : colorColumn.trim();
    }

    public static KernelPcaSettings defaults() {
        return new KernelPcaSettings(List.of(), 2, KernelType.RBF, 0, 3, 1, KernelSolver.AUTO, 300, 42, 2048, false, "");
    }

    /** The kernel with automatic gamma resolved for {@code dims} input columns. */
    KernelFunction kernelFunction(int dims) {
        return new KernelFunction(kernel, gamma > 0 ? gamma : 1.0 / dims, degree, coef0);
    }
}
