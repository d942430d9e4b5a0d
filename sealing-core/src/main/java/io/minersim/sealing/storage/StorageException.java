package io.minersim.sealing.storage;

import io.minersim.sealing.SealingException;

/** A storage call Lotus refuses, with Lotus's text: an unknown path, a path that does not exist, a busy lock. */
public final class StorageException extends SealingException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }
}
