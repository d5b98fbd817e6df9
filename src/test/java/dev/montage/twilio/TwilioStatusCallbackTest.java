package dev.montage.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.twilio.security.RequestValidator;

import dev.montage.accounts.AccountService.NewAccount;
import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.WebhookReceiver;
import dev.montage.support.WebhookReceiver.Delivery;
import tools.jackson.databind.JsonNode;

/**
 * Twilio's status callbacks of compositions made under /v1, against real receivers, each checked with the Twilio
 * Java helper library's own {@link RequestValidator} and the API key that created the composition: POST in the
 * order of the composition's life, GET with the parameters in the query, a failure, a receiver that fails first
 * (the queue retries), /v2 compositions, which send none, and composition hooks: their compositions' callbacks
 * and {@code composition-hook-failed}. An account may queue one composition here (each test uses an account of its
 * own), so a second hook firing for the same session finds the queue full.
 */
@TestPropertySource(properties = {"montage.webhooks.auto-start=true", "montage.webhooks.allow-private-targets=true",
        "montage.compositions.max-queued-per-account=1",
        "montage.webhooks.attempts=3", "montage.webhooks.base-delay=200ms", "montage.webhooks.polling-interval=50ms",
        "montage.jobs.heartbeat-interval=1s", "montage.jobs.polling-interval=200ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TwilioStatusCallbackTest extends ApiTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aCompositionPostsItsLifeSignedWithTheKeyThatCreatedIt() {
        NewAccount me = accounts.createAccount();
        ApiClient v2 = new ApiClient(port, me.apiKey());
        TwilioClient twilio = TwilioClient.asAccount(port, me.accountId().value(), me.apiKey());
        TwoParticipantSession session = twoParticipantSession(v2);
        try (WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiver.status(200))) {
            String callbackUrl = receiver.url() + "?tenant=7";
            Response created = twilio.post("/v1/Compositions", List.of(Map.entry("RoomSid", roomSid(session)),
                    Map.entry("VideoLayout", "{\"main\": {\"video_sources\": [\"*\"]}}"),
                    Map.entry("AudioSources", "*"), Map.entry("Resolution", "160x120"),
                    Map.entry("StatusCallback", callbackUrl)));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String sid = created.json().path("sid").asString();
            assertThat(created.json().path("status_callback").asString()).isEqualTo(callbackUrl);
            assertThat(created.json().path("status_callback_method").asString()).isEqualTo("POST");

            List<Delivery> deliveries = awaitEvent(receiver, "composition-available");
            JsonNode done = twilio.get("/v1/Compositions/" + sid).json();
            assertThat(done.path("status").asString()).isEqualTo("completed");
            RequestValidator validator = new RequestValidator(me.apiKey());
            for (Delivery delivery : deliveries) {
                assertThat(delivery.method()).isEqualTo("POST");
                assertThat(delivery.contentType()).startsWith("application/x-www-form-urlencoded");
                assertThat(delivery.requestUri().getRawQuery()).isEqualTo("tenant=7");
                assertThat(validator.validate(callbackUrl, delivery.form(), delivery.twilioSignature()))
                        .as("X-Twilio-Signature of %s", delivery.form()).isTrue();
                assertThat(new RequestValidator("another key").validate(callbackUrl, delivery.form(),
                        delivery.twilioSignature())).isFalse();
                Map<String, String> form = delivery.form();
                assertThat(form).containsEntry("AccountSid", "AC" + hex(me.accountId().value()))
                        .containsEntry("CompositionSid", sid)
                        .containsEntry("CompositionUri", "/v1/Compositions/" + sid)
                        .containsEntry("RoomSid", roomSid(session));
                assertThat(form.get("Timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
            }
            List<String> events = deliveries.stream().sorted(Comparator.comparing(d -> d.form().get("Timestamp")))
                    .map(d -> d.form().get("StatusCallbackEvent")).distinct().toList();
            assertThat(events.get(0)).isEqualTo("composition-enqueued");
            assertThat(events.get(1)).isEqualTo("composition-started");
            assertThat(events.get(events.size() - 1)).isEqualTo("composition-available");
            assertThat(events.subList(2, events.size() - 1)).allMatch("composition-progress"::equals);
            assertThat(deliveries.stream().map(Delivery::twilioIdempotencyToken).distinct()).hasSize(deliveries.size());

            Map<String, String> available = event(deliveries, "composition-available").form();
            assertThat(available).containsEntry("MediaUri", "/v1/Compositions/" + sid + "/Media")
                    .containsEntry("Duration", Integer.toString(done.path("duration").asInt()))
                    .containsEntry("Size", Long.toString(done.path("size").asLong()));
            assertThat(done.path("size").asLong()).isPositive();
            assertThat(twilio.get(available.get("MediaUri")).status()).isEqualTo(302);
            deliveries.stream().filter(d -> d.form().get("StatusCallbackEvent").equals("composition-progress"))
                    .forEach(progress -> assertThat(Integer.parseInt(progress.form().get("PercentageDone")))
                            .isBetween(10, 99));
            // a delivered event keeps no copy of the key that signed it
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql("""
                    select count(*) from webhook_events where account_id = :account and sealed_token is not null
                    """).param("account", me.accountId().value()).query(Long.class).single()).isZero());
        }
    }

    /**
     * A corrupt recording fails the composition: {@code composition-failed} with the reason the composition shows,
     * by GET. The receiver answers 500 first; the queue tries that callback again and it arrives.
     */
    @Test
    void aFailedCompositionCallsBackWithGetAndAFailedDeliveryIsRetried() throws Exception {
        NewAccount me = accounts.createAccount();
        ApiClient v2 = new ApiClient(port, me.apiKey());
        TwilioClient twilio = TwilioClient.asAccount(port, me.accountId().value(), me.apiKey());
        TwoParticipantSession session = twoParticipantSession(v2);
        String blobKey = jdbc.sql("select blob_key from room_recordings where id = :id")
                .param("id", UUID.fromString(session.recording(session.bob(), "video")))
                .query(String.class).single();
        Files.write(dataDir.resolve("blobs").resolve(blobKey), "this is no longer a WebM file".repeat(100).getBytes());
        try (WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiver.inTurn(WebhookReceiver.status(500),
                WebhookReceiver.status(204)));
                WebhookReceiver telnyx = WebhookReceiver.start(WebhookReceiver.status(200))) {
            Response created = twilio.post("/v1/Compositions", List.of(Map.entry("RoomSid", roomSid(session)),
                    Map.entry("VideoLayout", "{\"main\": {\"video_sources\": [\"*\"]}}"),
                    Map.entry("Resolution", "160x120"), Map.entry("StatusCallback", receiver.url()),
                    Map.entry("StatusCallbackMethod", "GET")));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String sid = created.json().path("sid").asString();

            List<Delivery> deliveries = awaitEvent(receiver, "composition-failed");
            JsonNode failed = v2.get("/v2/room_compositions/" + uuidOf(sid)).data();
            assertThat(failed.path("status").asString()).isEqualTo("failed");
            RequestValidator validator = new RequestValidator(me.apiKey());
            for (Delivery delivery : deliveries) {
                assertThat(delivery.method()).isEqualTo("GET");
                assertThat(delivery.body()).isEmpty();
                String fullUrl = receiver.url() + "?" + delivery.requestUri().getRawQuery();
                assertThat(validator.validate(fullUrl, Map.of(), delivery.twilioSignature()))
                        .as("X-Twilio-Signature of %s", fullUrl).isTrue();
            }
            assertThat(event(deliveries, "composition-failed").form())
                    .containsEntry("CompositionSid", sid)
                    .containsEntry("FailedOperation", "composition")
                    .containsEntry("ErrorCode", "20500")
                    .containsEntry("ErrorMessage", failed.path("failure_reason").asString());
            // the first request was answered 500: the same callback (same idempotency token) came again
            String firstToken = deliveries.get(0).twilioIdempotencyToken();
            Awaitility.await().atMost(WAIT).until(() -> receiver.deliveries().stream()
                    .filter(d -> d.twilioIdempotencyToken().equals(firstToken)).count() == 2);
            assertThat(receiver.deliveries().stream().filter(d -> d.twilioIdempotencyToken().equals(firstToken))
                    .map(Delivery::form).distinct()).as("the same parameters each time").hasSize(1);
            JsonNode attempts = v2.get("/v2/room_compositions/" + uuidOf(sid) + "/webhook_deliveries").json();
            assertThat(attempts.path("data").findValuesAsString("error")).contains("HTTP 500");

            // a /v2 composition of the same session: Telnyx's webhook, no status callback, none shown under /v1
            Response v2Created = v2.post("/v2/room_compositions", """
                    {"session_id": "%s", "resolution": "160x120", "webhook_event_url": "%s"}"""
                    .formatted(session.sessionId(), telnyx.url()));
            assertThat(v2Created.status()).as(v2Created.toString()).isEqualTo(202);
            String v2Id = v2Created.data().path("id").asString();
            Delivery telnyxEvent = telnyx.await(1, WAIT).get(0);
            assertThat(telnyxEvent.contentType()).startsWith("application/json");
            assertThat(telnyxEvent.eventType()).isEqualTo("video.room.composition.failed");
            assertThat(telnyxEvent.twilioSignature()).isNull();
            JsonNode asTwilio = twilio.get("/v1/Compositions/CJ" + v2Id.replace("-", "")).json();
            assertThat(asTwilio.path("status_callback").isNull()).isTrue();
            assertThat(receiver.deliveries()).noneMatch(d -> d.form().get("CompositionSid").contains(v2Id
                    .replace("-", "")));
        }
    }

    /**
     * Two hooks with callbacks, one red participant for 2 s. Ending the session makes the first (older) hook's
     * composition, whose whole life is called back; the second finds the account's queue full (one here) and says
     * so with {@code composition-hook-failed}. Every callback is signed with the key that set the hook's callback.
     */
    @Test
    void aHooksCompositionCallsBackItsLifeAndAHookThatCannotComposeSaysSo() {
        NewAccount me = accounts.createAccount();
        ApiClient v2 = new ApiClient(port, me.apiKey());
        TwilioClient twilio = TwilioClient.asAccount(port, me.accountId().value(), me.apiKey());
        try (WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiver.status(200))) {
            String madeUrl = receiver.url() + "?hook=made";
            String refusedUrl = receiver.url() + "?hook=refused";
            String madeHook = createHook(twilio, "grid", madeUrl);
            String refusedHook = createHook(twilio, "one too many", refusedUrl);
            String sessionId = upload(v2, dev.montage.support.TestMedia.webm("red", 440, 2),
                    Map.of("started_at", "2024-05-01T10:00:00Z")).path(0).path("session_id").asString();
            String roomSid = "RM" + sessionId.replace("-", "");

            assertThat(v2.post("/v2/room_sessions/" + sessionId + "/actions/end", "").status()).isEqualTo(200);

            List<Delivery> deliveries = awaitEvent(receiver, "composition-available");
            Awaitility.await().atMost(WAIT).until(() -> receiver.deliveries().stream()
                    .anyMatch(d -> "composition-hook-failed".equals(d.form().get("StatusCallbackEvent"))));
            deliveries = receiver.deliveries();
            RequestValidator validator = new RequestValidator(me.apiKey());
            for (Delivery delivery : deliveries) {
                String url = receiver.url() + "?" + delivery.requestUri().getRawQuery();
                assertThat(validator.validate(url, delivery.form(), delivery.twilioSignature()))
                        .as("X-Twilio-Signature of %s", delivery.form()).isTrue();
                assertThat(delivery.form()).containsEntry("RoomSid", roomSid);
            }
            List<Delivery> made = deliveries.stream().filter(d -> d.requestUri().getRawQuery().equals("hook=made"))
                    .sorted(Comparator.comparing(d -> d.form().get("Timestamp"))).toList();
            List<String> events = made.stream().map(d -> d.form().get("StatusCallbackEvent")).distinct().toList();
            assertThat(events.get(0)).isEqualTo("composition-enqueued");
            assertThat(events.get(1)).isEqualTo("composition-started");
            assertThat(events.get(events.size() - 1)).isEqualTo("composition-available");
            String sid = made.get(0).form().get("CompositionSid");
            assertThat(made).allMatch(d -> sid.equals(d.form().get("CompositionSid")));
            JsonNode composition = twilio.get("/v1/Compositions/" + sid).json();
            assertThat(composition.path("status").asString()).isEqualTo("completed");
            assertThat(composition.path("room_sid").asString()).isEqualTo(roomSid);
            assertThat(composition.path("status_callback").asString()).isEqualTo(madeUrl);
            assertThat(v2.get("/v2/room_compositions/" + uuidOf(sid)).data().path("composition_hook_id").asString())
                    .isEqualTo(uuidOf(madeHook.substring(2)));

            List<Delivery> refused = deliveries.stream()
                    .filter(d -> d.requestUri().getRawQuery().equals("hook=refused")).toList();
            assertThat(refused).extracting(d -> d.form().get("StatusCallbackEvent"))
                    .containsOnly("composition-hook-failed");
            assertThat(refused.get(0).form())
                    .containsEntry("AccountSid", "AC" + hex(me.accountId().value()))
                    .containsEntry("CompositionHookSid", refusedHook)
                    .containsEntry("CompositionHookUri", "/v1/CompositionHooks/" + refusedHook)
                    .containsEntry("HookFriendlyName", "one too many")
                    .containsEntry("FailedOperation", "composition-hook")
                    .containsEntry("ErrorCode", "20500")
                    .doesNotContainKey("CompositionSid");
            assertThat(refused.get(0).form().get("ErrorMessage")).contains("may have at most 1");
            assertThat(twilio.get("/v1/Compositions?RoomSid=" + roomSid).json().path("compositions").size())
                    .as("the refused hook made nothing").isEqualTo(1);
        }
    }

    /** A hook under /v1: the red picture at 160x120 with its sound, calling back {@code callbackUrl}. */
    private static String createHook(TwilioClient twilio, String name, String callbackUrl) {
        Response created = twilio.post("/v1/CompositionHooks", List.of(Map.entry("FriendlyName", name),
                Map.entry("VideoLayout", "{\"main\": {\"video_sources\": [\"*\"]}}"),
                Map.entry("AudioSources", "*"), Map.entry("Resolution", "160x120"),
                Map.entry("StatusCallback", callbackUrl)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("sid").asString();
    }

    @Test
    void aStatusCallbackThatIsNoHttpUrlIsRefusedAndNothingIsCreated() {
        NewAccount me = accounts.createAccount();
        ApiClient v2 = new ApiClient(port, me.apiKey());
        TwilioClient twilio = TwilioClient.asAccount(port, me.accountId().value(), me.apiKey());
        JsonNode alice = upload(v2, dev.montage.support.TestMedia.webm("red", 440, 1),
                Map.of("started_at", "2024-05-01T10:00:00Z"));
        String roomSid = "RM" + alice.path(0).path("session_id").asString().replace("-", "");
        for (String url : List.of("ftp://example.com/callbacks", "/callbacks", "http://exa mple.com/")) {
            Response refused = twilio.post("/v1/Compositions", List.of(Map.entry("RoomSid", roomSid),
                    Map.entry("AudioSources", "*"), Map.entry("StatusCallback", url)));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().path("code").asInt()).isEqualTo(20001);
            assertThat(refused.json().path("message").asString()).contains("StatusCallback");
        }
        assertThat(twilio.get("/v1/Compositions").json().path("compositions").size()).isZero();
    }

    private static List<Delivery> awaitEvent(WebhookReceiver receiver, String event) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> receiver.deliveries().stream()
                .anyMatch(d -> event.equals(d.form().get("StatusCallbackEvent")) && d.twilioSignature() != null));
        return receiver.deliveries();
    }

    private static Delivery event(List<Delivery> deliveries, String event) {
        return deliveries.stream().filter(d -> event.equals(d.form().get("StatusCallbackEvent"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + event + " among " + deliveries));
    }

    private static String roomSid(TwoParticipantSession session) {
        return "RM" + session.sessionId().replace("-", "");
    }

    private static String hex(UUID id) {
        return id.toString().replace("-", "");
    }

    private static String uuidOf(String hex) {
        String h = hex.startsWith("CJ") ? hex.substring(2) : hex;
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }
}
