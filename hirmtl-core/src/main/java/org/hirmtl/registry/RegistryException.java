package org.hirmtl.registry;

/** A registry lookup or registration failed; the message is one line for the user. */
public class RegistryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the kind and the component */
    public RegistryException(String message) {
        super(message);
    }
}
