package io.github.cnnlstm.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The tests run without JJava's classes (see the pom), so the extension is checked here by its
 * registration; the kernel tests (tests/test_kernel_lifetime.py, the kernel's BLAS test in
 * tests/test_course.py) check what the kernel then does with it.
 */
class KernelExtensionTest {
    private static final String SERVICES = "META-INF/services/org.dflib.jjava.jupyter.Extension";
    /** By name: loading the class needs JJava's interface. */
    private static final String EXTENSION = "io.github.cnnlstm.base.KernelExtension";

    @Test
    void isRegisteredAsTheKernelsExtension() throws IOException {
        ClassLoader loader = KernelExtensionTest.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(SERVICES)) {
            assertNotNull(in, SERVICES + " is missing: the kernel would not find its extension");
            String named = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(EXTENSION, named);
        }
        assertNotNull(loader.getResource(EXTENSION.replace('.', '/') + ".class"), EXTENSION + " was not built");
    }
}
