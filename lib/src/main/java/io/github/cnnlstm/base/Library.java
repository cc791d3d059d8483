package io.github.cnnlstm.base;

/** Facts about this library. */
public final class Library {
    private Library() {}

    /** The version of the library jar, or {@code "dev"} when run from classes (tests, IDE). */
    public static String version() {
        String v = Library.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
