package dev.montage.api;

import java.util.Objects;
import java.util.UUID;

/**
 * The authenticated account of the current request; controllers take it as a parameter. Everything a
 * request reads or writes is scoped by it, so another account's resource is indistinguishable from a missing one.
 */
public record AccountId(UUID value) {

    /** The request attribute the API key check ({@code dev.montage.accounts.ApiSecurity}) stores the account under. */
    public static final String REQUEST_ATTRIBUTE = AccountId.class.getName();

    public AccountId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
