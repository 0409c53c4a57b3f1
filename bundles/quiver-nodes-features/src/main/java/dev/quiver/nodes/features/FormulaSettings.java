package dev.quiver.nodes.features;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;

/** Settings of the Formula node. */
public record FormulaSettings(
        @Label("Output column")
        @Description("The name of the computed column. If a column of that name exists, it is replaced in place "
                + "(the formula may read it); otherwise the new column is appended.")
        String outputColumn,

        @Description("An arithmetic expression over numeric columns, for example petal_length * petal_width or "
                + "if(age >= 18, log(income + 1), 0). Columns: bare names (letters, digits, _ and .) or any name in "
                + "backticks, like `petal length`. Operators: + - * / % ^ (power), comparisons < <= > >= == != "
                + "(1 for true, 0 for false), && || !. Functions: abs, sqrt, log (natural), log10, exp, pow, min, max, "
                + "round(x[, digits]), floor, ceil, sin, cos, if(condition, then, else), ismissing(x).")
        String expression) {

    public FormulaSettings {
        outputColumn = outputColumn == null ? "" : outputColumn.strip();
        expression = expression == null ? "" : expression;
        if (outputColumn.isEmpty()) {
            throw new InvalidInputException("Output column is empty. Name the column the formula computes.");
        }
    }

    public static FormulaSettings defaults() {
        return new FormulaSettings("formula", "");
    }
}
