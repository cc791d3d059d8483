package io.github.cnnlstm.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Which parent the kernel watches, and that the end of a thread is waited for; that the kernel
 * really exits with its parent is tests/test_kernel_lifetime.py's.
 */
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

    @Test
    void actsOnlyOnceTheWatchedThreadHasEnded() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch acted = new CountDownLatch(1);
        Thread main = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        main.start();
        Thread watcher = KernelParent.afterEnd(main, acted::countDown);
        assertTrue(watcher.isDaemon(), "a daemon: it must not keep the JVM alive itself");
        assertFalse(acted.await(300, TimeUnit.MILLISECONDS), "acted while the thread still ran");
        release.countDown();
        assertTrue(acted.await(30, TimeUnit.SECONDS), "did not act after the thread ended");
    }
}
