package io.github.cnnlstm.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Which parent the kernel watches; that it really exits with it is tests/test_kernel_lifetime.py's. */
class KernelParentTest {
    @Test
    void watchesTheProcessIdJupyterGives() {
        assertEquals(OptionalLong.of(4242), KernelParent.parentPid("4242", "Linux"));
        assertEquals(OptionalLong.of(4242), KernelParent.parentPid(" 4242\n", "Mac OS X"));
    }

    @Test
    void watchesNothingItCannotWaitOn() {
        assertEquals(OptionalLong.empty(), KernelParent.parentPid(null, "Linux"));
        assertEquals(OptionalLong.empty(), KernelParent.parentPid("", "Linux"));
        assertEquals(OptionalLong.empty(), KernelParent.parentPid("abc", "Linux"));
        assertEquals(OptionalLong.empty(), KernelParent.parentPid("1", "Linux"));
        assertEquals(OptionalLong.empty(), KernelParent.parentPid("0", "Linux"));
        // a Windows handle, not a process id
        assertEquals(OptionalLong.empty(), KernelParent.parentPid("1234", "Windows 11"));
    }
}
