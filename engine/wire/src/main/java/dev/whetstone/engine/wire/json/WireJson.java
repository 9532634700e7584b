package dev.whetstone.engine.wire.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.whetstone.engine.wire.WireFormatException;
import java.io.IOException;

/**
 * The JSON of Tinker's wire: snake_case field names from the records' camelCase components, absent fields
 * for nulls (the SDK sends {@code exclude_none}), unknown fields ignored (newer SDKs add fields).
 * {@code CreateSessionRequest r = WireJson.read(body, CreateSessionRequest.class)}
 */
public final class WireJson {
    /** The one configured mapper; thread-safe once built. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private WireJson() {
    }

    /** Parses {@code body} as {@code type}; malformed JSON or a wrong field type is a {@link WireFormatException} naming it. */
    public static <T> T read(byte[] body, Class<T> type) {
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw new WireFormatException("the body is empty or null; send a JSON object (" + type.getSimpleName() + ")");
            }
            return value;
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw new WireFormatException("field " + path(e) + " has the wrong type: " + e.getOriginalMessage(), e);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new WireFormatException("the body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new WireFormatException("the body could not be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(e.getMessage(), e);
        }
    }

    /** {@code value} as JSON bytes. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static String path(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(top level)" : "'" + sb + "'";
    }
}
