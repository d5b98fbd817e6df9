package dev.montage.node;

/** {@code montage.roles} names no role, or one that does not exist: the node refuses to start. */
public final class InvalidRolesException extends IllegalArgumentException {

    InvalidRolesException(String message) {
        super(message);
    }
}
