package dev.whetstone.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.wire.ZstdBodies;
import dev.whetstone.engine.wire.client.RemoteRequestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests the server must refuse, each with a 4xx and a message (never a stack trace), while it keeps serving:
 * no key or a wrong key, bodies over the limit (zstd bombs included), malformed JSON and protobuf, unknown
 * endpoints and request ids; and two sessions at once, where one's failure leaves the other's training untouched.
 */
class ServerSafetyTest {
    static final String KEY = "tml-test-key-0123456789";

    @TempDir
    static Path home;
    static ServedEngine served;
    static SdkWire withKey;
    static SdkWire noKey;

    @BeforeAll
    static void serve() throws Exception {
        Path keyFile = Files.writeString(home.resolve("api-key"), KEY + "\n");
        served = new ServedEngine(home, ServerOptions.loopback(0).withApiKeyFile(keyFile).withMaxBodyBytes(64 * 1024)
                .withLongPoll(java.time.Duration.ofSeconds(2)));
        withKey = new SdkWire(served.server.baseUrl(), KEY);
        noKey = new SdkWire(served.server.baseUrl(), null);
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    @Test
    void everyRequestNeedsTheKey() {
        SdkWire.Answer missing = noKey.post("create_session", Map.of("tags", List.of(), "sdk_version", "0.25.0"));
        SdkWire.Answer wrong = new SdkWire(served.server.baseUrl(), "tml-test-key-0123456788").get("get_server_capabilities");

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("detail").asText()).contains("X-API-Key");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(withKey.get("get_server_capabilities").status()).isEqualTo(200);
        assertThatThrownBy(() -> ServiceClient.connect(served.server.baseUrl(), "tml-not-the-key-at-all"))
                .isInstanceOf(RemoteRequestException.class).hasMessageContaining("refused the API key");
    }

    @Test
    void aNonLoopbackAddressWithoutAKeyIsRefused() {
        assertThatThrownBy(() -> WhetstoneServer.start(served.engine, home, ServerOptions.of("0.0.0.0", 0, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--api-key-file");
    }

    @Test
    void bodiesOverTheLimitAreRefusedAndTheSenderHearsWhy() {
        byte[] big = new byte[100 * 1024];
        SdkWire.Answer plain = withKey.send("forward_backward", "POST", big, "application/x-protobuf", null, Map.of());
        SdkWire.Answer bomb = withKey.send("forward_backward", "POST", ZstdBodies.compress(new byte[10 << 20]),
                "application/x-protobuf", "zstd", Map.of());

        SdkWire.Answer chunked = streamedBody(new byte[100 * 1024]);

        assertThat(plain.status()).isEqualTo(413);
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.json().get("detail").asText()).contains("limit");
        assertThat(plain.json().get("detail").asText()).contains("limit");
        assertThat(bomb.status()).isEqualTo(400);
        assertThat(bomb.json().get("detail").asText()).contains("decompresses to more than");
    }

    @Test
    void everySenderOfABodyOverTheLimitGetsTheRefusalNotAReset() throws Exception {
        // the server decides on the headers; unless it reads and drops the body first (up to twice the limit), a
        // client still writing megabytes sees the connection close before the answer and reports a reset
        ServerOptions oneMiB = ServerOptions.loopback(0).withApiKeyFile(home.resolve("api-key")).withMaxBodyBytes(1 << 20);
        try (WhetstoneServer server = WhetstoneServer.start(served.engine, home, oneMiB)) {
            SdkWire client = new SdkWire(server.baseUrl(), KEY);
            for (int attempt = 0; attempt < 10; attempt++) {
                SdkWire.Answer answer = client.send("forward_backward", "POST", new byte[(1 << 20) + (800 << 10)],
                        "application/x-protobuf", null, Map.of());
                assertThat(answer.status()).as("try " + attempt).isEqualTo(413);
                assertThat(answer.json().get("detail").asText()).contains("more than this server's limit of 1048576");
            }
            assertThat(client.get("get_server_capabilities").status()).isEqualTo(200);
        }
    }

    @Test
    void everySenderOfAChunkedBodyOverTheLimitGetsTheRefusalNotAReset() throws Exception {
        // no Content-Length: the server finds the body too large while reading it, and reads and drops the rest (up
        // to twice the limit) before it answers, as for a declared length
        ServerOptions oneMiB = ServerOptions.loopback(0).withApiKeyFile(home.resolve("api-key")).withMaxBodyBytes(1 << 20);
        try (WhetstoneServer server = WhetstoneServer.start(served.engine, home, oneMiB)) {
            for (int attempt = 0; attempt < 10; attempt++) {
                SdkWire.Answer answer = streamedBody(server.baseUrl(), new byte[(1 << 20) + (800 << 10)]);
                assertThat(answer.status()).as("try " + attempt).isEqualTo(413);
                assertThat(answer.json().get("detail").asText()).contains("larger than this server's limit of 1048576");
            }
            assertThat(new SdkWire(server.baseUrl(), KEY).get("get_server_capabilities").status()).isEqualTo(200);
        }
    }

    private static SdkWire.Answer streamedBody(byte[] body) {
        return streamedBody(served.server.baseUrl(), body);
    }

    /** A body sent without Content-Length (chunked), so only counting while reading can stop it. */
    private static SdkWire.Answer streamedBody(java.net.URI base, byte[] body) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(base.resolve("/api/v1/forward_backward"))
                    .header("X-API-Key", KEY).header("Content-Type", "application/x-protobuf")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                    .build();
            var r = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            return new SdkWire.Answer(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void malformedRequestsGetA400WithAMessageAndNoStackTrace() {
        SdkWire.Answer json = withKey.send("create_session", "POST", "{\"tags\": [".getBytes(StandardCharsets.UTF_8),
                "application/json", null, Map.of());
        SdkWire.Answer proto = withKey.send("forward_backward", "POST", new byte[] {(byte) 0xff, 0x01, 0x02},
                "application/x-protobuf", null, Map.of());
        SdkWire.Answer wrongType = withKey.post("optim_step", Map.of("model_id", "m", "seq_id", "one"));
        SdkWire.Answer unknownPath = withKey.get("no_such_thing");
        SdkWire.Answer unknownFuture = withKey.post("retrieve_future", Map.of("request_id", "0000", "allow_metadata_only", true));

        for (SdkWire.Answer a : List.of(json, proto, wrongType)) {
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.json().get("detail").asText()).isNotBlank().doesNotContain("\tat ").doesNotContain("Exception");
        }
        assertThat(wrongType.json().get("detail").asText()).contains("seq_id");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownFuture.status()).isEqualTo(410);
        assertThat(unknownFuture.json().get("detail").asText()).contains("restarted");
    }

    @Test
    void aFailingSessionLeavesAnotherSessionsTrainingUntouched() {
        LoraConfig lora = LoraConfig.ofRank(4).withSeed(6L);
        Datum outOfVocabulary = new Datum(ModelInput.fromInts(1, 2, 5000), Map.of(
                "target_tokens", TensorData.ofLongs(new long[] {2, 3, 4}), "weights", TensorData.ofFloats(new float[] {1, 1, 1})));
        try (ServiceClient good = ServiceClient.connect(served.server.baseUrl(), KEY);
             ServiceClient bad = ServiceClient.connect(served.server.baseUrl(), KEY);
             TrainingClient healthy = good.createLoraTrainingClient(ServedEngine.MODEL, lora);
             TrainingClient failing = bad.createLoraTrainingClient(ServedEngine.MODEL, lora);
             TrainingClient local = served.engine.createLoraTrainingClient(ServedEngine.MODEL, lora)) {
            CompletableFuture<List<Object>> both = CompletableFuture.supplyAsync(() -> ConformanceTest.steps(healthy, 3));
            for (int i = 0; i < 3; i++) {
                var failed = failing.forwardBackward(List.of(outOfVocabulary), LossFn.CROSS_ENTROPY);
                assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class).cause()
                        .isInstanceOf(RemoteRequestException.class).hasMessageContaining("5000");
                failing.optimStep(AdamParams.defaults()).join();
            }
            assertThat(both.join()).isEqualTo(ConformanceTest.steps(local, 3));
        }
    }

    @Test
    void anOpenAiClientMaySendTheKeyAsABearerToken() {
        SdkWire.Answer bearer = noKey.send("get_server_capabilities", "GET", null, null, null,
                Map.of("Authorization", "Bearer " + KEY));
        SdkWire.Answer wrongBearer = noKey.send("get_server_capabilities", "GET", null, null, null,
                Map.of("Authorization", "Bearer tml-wrong-key-99999"));

        assertThat(bearer.status()).isEqualTo(200);
        assertThat(wrongBearer.status()).isEqualTo(401);
    }
}
