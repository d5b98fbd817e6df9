package dev.montage.compositions;

/** Lifecycle of a composition; {@code failed} is Montage's extension to the Telnyx enum. */
public enum CompositionStatus {
    ENQUEUED("enqueued"), PROCESSING("processing"), COMPLETED("completed"), FAILED("failed");

    // made once: every list answer checks filter[status] against them
    private static final String[] WIRE_NAMES =
            java.util.Arrays.stream(values()).map(CompositionStatus::wireName).toArray(String[]::new);

    private final String wireName;

    CompositionStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static CompositionStatus fromWire(String name) {
        for (CompositionStatus status : values()) {
            if (status.wireName.equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown composition status: " + name);
    }

    static String[] wireNames() {
        return WIRE_NAMES.clone();
    }
}
