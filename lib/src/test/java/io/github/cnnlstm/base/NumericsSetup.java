package io.github.cnnlstm.base;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Chooses the BLAS kernel before any test touches ND4J, as the notebook kernel and the benchmarks
 * do: registered in {@code META-INF/services}, so it runs once when the JUnit launcher starts.
 */
public class NumericsSetup implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        System.out.println("Numerics: " + Numerics.configure());
    }
}
