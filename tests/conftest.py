"""Test set-up shared by the notebook tests (nbval) and the kernel tests.

nbval 0.11 reads ``content['status']`` from every reply on the kernel's shell channel while it
waits for an ``execute_reply``. Kernels built on jupyter-jvm-basekernel (IJava, JJava) send a
``kernel_info_reply`` without ``status``, so every cell fails with ``KeyError: 'status'``
(nbval issue #197). The patch below reads the field with ``.get``: replies to our request are
still checked for ``aborted`` exactly as before; only the missing key stops being an error.
"""
import nbval.kernel


def _await_reply(self, msg_id, timeout=None):
    while True:
        msg = self.get_message(stream="shell", timeout=timeout)
        if msg["parent_header"].get("msg_id") == msg_id:
            if msg["content"].get("status") == "aborted":
                raise RuntimeError("Kernel aborted execution request")
            return


nbval.kernel.RunningKernel.await_reply = _await_reply
