package dev.montage.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.montage.accounts.AccountService.NewAccount;
import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.RawHttp;
import tools.jackson.databind.JsonNode;

/** {@code /v1/CompositionHooks}: Twilio's shape and form over the store of {@code /v2/room_composition_hooks}. */
class TwilioCompositionHooksTest extends ApiTest {

    private static final String LAYOUT = """
            {"grid": {"x_pos": 0, "y_pos": 0, "width": 320, "height": 240, "video_sources": ["*"]}}
            """;

    @Test
    void hooksAreCreatedListedUpdatedAndDeletedInTwiliosShape() {
        NewAccount me = accounts.createAccount();
        ApiClient v2 = new ApiClient(port, me.apiKey());
        TwilioClient twilio = TwilioClient.asAccount(port, me.accountId().value(), me.apiKey());

        Response created = twilio.post("/v1/CompositionHooks", List.of(Map.entry("FriendlyName", "every room"),
                Map.entry("VideoLayout", LAYOUT), Map.entry("AudioSources", "*"), Map.entry("Resolution", "320x240"),
                Map.entry("Format", "mp4"), Map.entry("StatusCallback", "https://example.com/hooks"),
                Map.entry("StatusCallbackMethod", "GET")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode hook = created.json();
        String sid = hook.path("sid").asString();
        assertThat(sid).matches("HK[0-9a-f]{32}");
        assertThat(hook.path("account_sid").asString()).isEqualTo("AC" + me.accountId().toString().replace("-", ""));
        assertThat(hook.path("friendly_name").asString()).isEqualTo("every room");
        assertThat(hook.path("enabled").asBoolean()).isTrue();
        assertThat(hook.path("video_layout").path("grid").path("width").asInt()).isEqualTo(320);
        assertThat(hook.path("audio_sources").path(0).asString()).isEqualTo("*");
        assertThat(hook.path("resolution").asString()).isEqualTo("320x240");
        assertThat(hook.path("format").asString()).isEqualTo("mp4");
        assertThat(hook.path("trim").asBoolean()).isTrue();
        assertThat(hook.path("status_callback").asString()).isEqualTo("https://example.com/hooks");
        assertThat(hook.path("status_callback_method").asString()).isEqualTo("GET");
        assertThat(hook.path("date_created").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(hook.path("url").asString()).endsWith("/v1/CompositionHooks/" + sid);
        assertThat(twilio.get("/v1/CompositionHooks/" + sid).json()).isEqualTo(hook);

        // the same hook under /v2
        String id = sid.substring(2).replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
        JsonNode same = v2.get("/v2/room_composition_hooks/" + id).data();
        assertThat(same.path("friendly_name").asString()).isEqualTo("every room");
        assertThat(same.path("resolution").asString()).isEqualTo("320x240");

        Response updated = twilio.post("/v1/CompositionHooks/" + sid, List.of(Map.entry("FriendlyName", "paused"),
                Map.entry("Enabled", "false")));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("enabled").asBoolean()).isFalse();
        assertThat(updated.json().path("video_layout")).as("kept").isEqualTo(hook.path("video_layout"));
        assertThat(updated.json().path("status_callback").asString()).isEqualTo("https://example.com/hooks");

        twilio.post("/v1/CompositionHooks", List.of(Map.entry("FriendlyName", "audio"), Map.entry("AudioSources", "*")));
        JsonNode enabledOnes = twilio.get("/v1/CompositionHooks?Enabled=true&PageSize=1").json();
        assertThat(enabledOnes.path("composition_hooks")).hasSize(1);
        assertThat(enabledOnes.path("composition_hooks").path(0).path("friendly_name").asString()).isEqualTo("audio");
        assertThat(enabledOnes.path("meta").path("key").asString()).isEqualTo("composition_hooks");
        JsonNode firstOfTwo = twilio.get("/v1/CompositionHooks?PageSize=1").json();
        assertThat(firstOfTwo.path("meta").path("next_page_url").isNull()).isFalse();
        assertThat(twilio.get("/v1/CompositionHooks?FriendlyName=paused").json().path("composition_hooks"))
                .hasSize(1);

        assertThat(twilio.delete("/v1/CompositionHooks/" + sid).status()).isEqualTo(204);
        assertThat(twilio.get("/v1/CompositionHooks/" + sid).status()).isEqualTo(404);
    }

    @Test
    void badHooksAre400sInTwiliosShapeAndOtherAccountsHooksAre404s() {
        NewAccount me = accounts.createAccount();
        TwilioClient twilio = TwilioClient.asAccount(port, me.accountId().value(), me.apiKey());
        Response noName = twilio.post("/v1/CompositionHooks", List.of(Map.entry("AudioSources", "*")));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().path("message").asString()).contains("FriendlyName");
        Response badLayout = twilio.post("/v1/CompositionHooks", List.of(Map.entry("FriendlyName", "x"),
                Map.entry("VideoLayout", "{\"a\": {\"x_pos\": 5000, \"video_sources\": [\"*\"]}}")));
        assertThat(badLayout.status()).as(badLayout.body()).isEqualTo(400);
        assertThat(badLayout.json().path("code").asInt()).isPositive();
        assertThat(badLayout.json().path("message").asString()).contains("VideoLayout");
        Response longName = twilio.post("/v1/CompositionHooks", List.of(Map.entry("FriendlyName", "n".repeat(257)),
                Map.entry("AudioSources", "*")));
        assertThat(longName.status()).as(longName.body()).isEqualTo(400);
        assertThat(longName.json().path("message").asString()).contains("FriendlyName");
        // checked as a composition's: the hook's compositions call it back
        for (var callback : List.of(Map.entry("StatusCallback", "ftp://example.com/callbacks"),
                Map.entry("StatusCallback", "/callbacks"), Map.entry("StatusCallbackMethod", "PUT"),
                Map.entry("StatusCallback", "https://example.com/" + "c".repeat(2000)))) {
            Response refused = twilio.post("/v1/CompositionHooks", List.of(Map.entry("FriendlyName", "x"),
                    Map.entry("AudioSources", "*"), callback));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().path("code").asInt()).isEqualTo(20001);
            assertThat(refused.json().path("message").asString()).contains(callback.getKey());
        }
        assertThat(twilio.get("/v1/CompositionHooks").json().path("composition_hooks")).isEmpty();

        String sid = twilio.post("/v1/CompositionHooks", List.of(Map.entry("FriendlyName", "mine"),
                Map.entry("AudioSources", "*"))).json().path("sid").asString();
        NewAccount other = accounts.createAccount();
        TwilioClient stranger = TwilioClient.asAccount(port, other.accountId().value(), other.apiKey());
        assertThat(stranger.get("/v1/CompositionHooks/" + sid).status()).isEqualTo(404);
        assertThat(stranger.delete("/v1/CompositionHooks/" + sid).status()).isEqualTo(404);
        assertThat(stranger.post("/v1/CompositionHooks/" + sid, List.of(Map.entry("FriendlyName", "theirs")))
                .status()).isEqualTo(404);
        assertThat(twilio.get("/v1/CompositionHooks/HKnot-a-sid").status()).isEqualTo(404);
        Response badUpdate = twilio.post("/v1/CompositionHooks/" + sid, List.of(Map.entry("FriendlyName", "mine"),
                Map.entry("StatusCallback", "ftp://example.com/callbacks")));
        assertThat(badUpdate.status()).as(badUpdate.body()).isEqualTo(400);
        assertThat(twilio.get("/v1/CompositionHooks/" + sid).json().path("status_callback").isNull())
                .as("the refused update changed nothing").isTrue();
    }

    @Test
    void theSameIdempotencyTokenReplaysTheFirstAnswerAndCreatesNothingNew() {
        NewAccount me = accounts.createAccount();
        TwilioClient twilio = TwilioClient.asAccount(port, me.accountId().value(), me.apiKey());
        String sid = "AC" + me.accountId().value().toString().replace("-", "");
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (sid + ":" + me.apiKey()).getBytes(StandardCharsets.UTF_8));
        RawHttp withToken = RawHttp.to(port).header("Authorization", basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("I-Twilio-Idempotency-Token", "retry-1");

        Response first = withToken.send("POST", "/v1/CompositionHooks",
                "FriendlyName=once&AudioSources=*".getBytes(StandardCharsets.UTF_8));
        Response again = withToken.send("POST", "/v1/CompositionHooks",
                "FriendlyName=once&AudioSources=*".getBytes(StandardCharsets.UTF_8));
        Response otherForm = withToken.send("POST", "/v1/CompositionHooks",
                "FriendlyName=twice&AudioSources=*".getBytes(StandardCharsets.UTF_8));

        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(again.status()).as("%s", again).isEqualTo(201);
        assertThat(again.json().path("sid").asString()).isEqualTo(first.json().path("sid").asString());
        assertThat(otherForm.status()).as("%s", otherForm).isEqualTo(422);
        assertThat(otherForm.json().path("code").asInt()).as("Twilio's shape").isEqualTo(20001);
        Response emptyToken = RawHttp.to(port).header("Authorization", basic)
                .header("Content-Type", "application/x-www-form-urlencoded").header("I-Twilio-Idempotency-Token", "")
                .send("POST", "/v1/CompositionHooks", "FriendlyName=empty".getBytes(StandardCharsets.UTF_8));
        assertThat(emptyToken.status()).as("%s", emptyToken).isEqualTo(400);
        assertThat(emptyToken.json().path("code").asInt()).isEqualTo(20001);
        assertThat(twilio.get("/v1/CompositionHooks").json().path("composition_hooks")).hasSize(1);
    }
}
