package dev.quiver.api.table;

/** The storage type of a column. Strings are nominal: dictionary-coded with a known domain. */
public enum ColumnType {
    DOUBLE, LONG, STRING, BOOLEAN;

    /** DOUBLE and LONG columns hold numbers that learners and statistics can use directly. */
    public boolean isNumeric() {
        return this == DOUBLE || this == LONG;
    }

    /** Lower-case name used in messages, files and the editor. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
