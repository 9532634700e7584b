package dev.whetstone.engine.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireJsonTest {

    @Test
    void fieldsAreSnakeCaseAndNullsAreLeftOut() {
        String json = new String(WireJson.write(new TrainingMessages.WeightsInfoResponse("Qwen/Qwen3-0.6B", true, 8, true, null, true)),
                StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"base_model\":\"Qwen/Qwen3-0.6B\",\"is_lora\":true,\"lora_rank\":8,"
                + "\"train_unembed\":true,\"train_attn\":true}");
    }

    @Test
    void aCheckpointSaysPublicAsTinkerDoes() {
        String json = new String(WireJson.write(new RestMessages.CheckpointJson("weights/a", "training", "t", "tinker://r/weights/a",
                1L, false, null)), StandardCharsets.UTF_8);

        assertThat(json).contains("\"public\":false").doesNotContain("is_public");
    }

    @Test
    void unknownFieldsFromNewerSdksAreIgnored() {
        byte[] body = "{\"session_id\":\"s\",\"type\":\"session_heartbeat\",\"added_in_0_40\":[1,2]}".getBytes(StandardCharsets.UTF_8);

        assertThat(WireJson.read(body, SessionMessages.SessionHeartbeatRequest.class).sessionId()).isEqualTo("s");
    }

    @Test
    void aWrongTypeNamesTheField() {
        byte[] body = "{\"adam_params\":{\"learning_rate\":\"fast\"},\"model_id\":\"m\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> WireJson.read(body, TrainingMessages.OptimStepRequest.class))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("adam_params.learning_rate");
    }
}
