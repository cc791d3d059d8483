package io.github.cnnlstm.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.ServiceLoader;
import org.dflib.jjava.jupyter.Extension;
import org.junit.jupiter.api.Test;

class KernelExtensionTest {
    /** The kernel finds its extensions as services; the kernel tests check what it then does. */
    @Test
    void isRegisteredAsTheKernelsExtension() {
        List<String> found = ServiceLoader.load(Extension.class).stream()
                .map(provider -> provider.type().getName())
                .toList();
        assertEquals(List.of(KernelExtension.class.getName()), found);
    }
}
