package dev.montage.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.montage.support.ApiClient.Response;

/**
 * How many rooms, sessions, participants and recordings an account has, read through the API: a failed request
 * must leave all four unchanged.
 */
public record StoredCounts(long rooms, long sessions, long participants, long recordings) {

    public static StoredCounts of(ApiClient client) {
        return new StoredCounts(total(client, "/v2/rooms"), total(client, "/v2/room_sessions"),
                total(client, "/v2/room_participants"), total(client, "/v2/room_recordings"));
    }

    private static long total(ApiClient client, String list) {
        Response response = client.get(list);
        assertThat(response.status()).as("status of %s", response).isEqualTo(200);
        return response.json().path("meta").path("total_results").asLong();
    }
}
