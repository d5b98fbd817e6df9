package dev.montage.api;

/** {@code page[number]} (from 1) and {@code page[size]}. */
public record PageRequest(int number, int size) {

    public PageRequest {
        if (number < 1 || size < 1) {
            throw new IllegalArgumentException("page number and size start at 1: " + number + ", " + size);
        }
    }

    public long offset() {
        return (long) (number - 1) * size;
    }
}
