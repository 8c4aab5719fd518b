package io.connectionhealth.base.api;

import io.connectionhealth.base.ValidationException.FieldError;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class JsonInputTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Body(String id, String connectionId, Boolean isPaused, Long durationMs) {
    }

    enum Kind { INBOUND, WEBHOOK }

    @Test
    void theFieldsOfABodyAreItsRecordComponentsInSnakeCase() {
        assertThat(JsonInput.fieldsOf(Body.class)).containsExactlyInAnyOrder("id", "connection_id", "is_paused",
                "duration_ms");
    }

    @Test
    void textWithNulOrAnUnpairedSurrogateIsRefusedAndAPairIsKept() {
        assertThat(JsonInput.unstorable("plain, émoji 😀 and RTL עברית")).isNull();
        assertThat(JsonInput.unstorable("a\0b")).contains("NUL");
        assertThat(JsonInput.unstorable("id\ud800")).contains("unpaired surrogate (\\ud800)");
        assertThat(JsonInput.unstorable("\udc00x")).contains("\\udc00");
        assertThat(JsonInput.unstorable("\ud83d\ud83d\ude00")).as("a high surrogate before a pair").isNotNull();

        List<FieldError> errors = new ArrayList<>();
        JsonInput in = input("{\"id\":\"sur\\ud800\",\"tags\":[\"ok\",\"x\\udbff\"]}", Set.of("id", "tags"), errors);
        assertThat(in.text("id")).isNull();
        assertThat(in.stringList("tags")).isNull();
        assertThat(errors).extracting(FieldError::field).containsExactly("id", "tags");
        assertThat(errors.get(1).message()).startsWith("[1] ");
    }

    @Test
    void enumNamesAreExactAndACaseSlipIsNamed() {
        List<FieldError> errors = new ArrayList<>();
        JsonInput in = input("{\"a\":\"INBOUND\",\"b\":\"Inbound\",\"c\":\"ınbound\",\"d\":\"webhoo\u212a\"}",
                Set.of("a", "b", "c", "d"), errors);
        assertThat(in.enumValue("a", Kind.class)).isEqualTo(Kind.INBOUND);
        assertThat(in.enumValue("b", Kind.class)).as("SPEC: enum values are exact").isNull();
        assertThat(in.enumValue("c", Kind.class)).as("dotless i").isNull();
        assertThat(in.enumValue("d", Kind.class)).as("Kelvin sign").isNull();
        assertThat(errors).extracting(FieldError::field).containsExactly("b", "c", "d");
        assertThat(errors.getFirst().message())
                .isEqualTo("'Inbound' is not one of INBOUND, WEBHOOK (values are case-sensitive: 'INBOUND')");
        assertThat(errors.get(1).message()).as("no hint for a look-alike").isEqualTo("'ınbound' is not one of INBOUND, WEBHOOK");
    }

    @Test
    void unknownFieldsAreNamedUpToALimitAndTheRestCounted() {
        String body = IntStream.range(0, 5000).mapToObj(i -> "\"f" + i + "\":0")
                .collect(Collectors.joining(",", "{\"id\":\"x\",", "}"));
        List<FieldError> errors = new ArrayList<>();
        input(body, Set.of("id"), errors);
        assertThat(errors).hasSize(JsonInput.UNKNOWN_LISTED + 1);
        assertThat(errors.getFirst().message()).isEqualTo("is not a known field (known: id)");
        assertThat(errors.getLast().field()).isEqualTo("body");
        assertThat(errors.getLast().message()).isEqualTo("has " + (5000 - JsonInput.UNKNOWN_LISTED) + " more unknown fields");
    }

    private static JsonInput input(String json, Set<String> allowed, List<FieldError> errors) {
        JsonNode node = JSON.readTree(json);
        return JsonInput.object(node, null, "", allowed, errors);
    }
}
