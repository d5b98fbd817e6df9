package dev.montage.layout;

/**
 * Thrown by {@link LayoutPlanner#plan} when the selection leaves nothing to put in a file: no
 * selected video and no selected audio, or (with {@code trim}) no instant where anything is seen
 * or heard. The composition fails with this message as its reason.
 */
public final class NothingToComposeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NothingToComposeException(String message) {
        super(message);
    }
}
