package io.github.cnnlstm.persistence;

import java.io.IOException;
import java.nio.file.Path;

/** A model file is missing, unreadable or incompatible; the message says what to do. */
public final class ModelFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    ModelFileException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The file concerned. */
    public Path file() {
        return file;
    }
}
