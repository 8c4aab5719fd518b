package io.connectionhealth.base.api;

import io.connectionhealth.base.ValidationException.FieldError;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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

    @Test
    void absentAndNullReadAsNullAndAWrongTypeIsAnErrorNamingTheField() {
        // SPEC: wrong types are a 400 with {index, field, message}; a field absent or JSON null reads as null
        List<FieldError> errors = new ArrayList<>();
        JsonInput in = JsonInput.object(JSON.readTree("{\"s\":\"x\",\"n\":null,\"i\":7,\"l\":9000000000,"
                + "\"b\":true,\"at\":\"2026-01-31T12:00:00+01:00\",\"list\":[\"a\",\"b\"],\"arr\":[1,{}]}"), 3, "", Set.of(
                "s", "n", "i", "l", "b", "at", "list", "arr"), errors);
        assertThat(in.text("s")).isEqualTo("x");
        assertThat(in.integer("i")).isEqualTo(7);
        assertThat(in.longValue("l")).isEqualTo(9_000_000_000L);
        assertThat(in.bool("b")).isTrue();
        assertThat(in.instant("at")).isEqualTo(Instant.parse("2026-01-31T11:00:00Z"));
        assertThat(in.stringList("list")).containsExactly("a", "b");
        assertThat(in.array("arr")).hasSize(2);
        assertThat(in.has("s")).isTrue();
        assertThat(in.has("n")).isFalse();
        assertThat(in.present("n")).isTrue();
        assertThat(in.present("absent")).isFalse();
        for (String field : new String[]{"n", "absent"}) {
            assertThat(in.text(field)).isNull();
            assertThat(in.integer(field)).isNull();
            assertThat(in.longValue(field)).isNull();
            assertThat(in.bool(field)).isNull();
            assertThat(in.instant(field)).isNull();
            assertThat(in.enumValue(field, Kind.class)).isNull();
            assertThat(in.stringList(field)).isNull();
            assertThat(in.array(field)).isNull();
        }
        assertThat(errors).isEmpty();

        assertThat(in.text("i")).isNull();
        assertThat(in.integer("s")).isNull();
        assertThat(in.integer("l")).as("too big for an int").isNull();
        assertThat(in.longValue("b")).isNull();
        assertThat(in.bool("s")).isNull();
        assertThat(in.instant("s")).isNull();
        assertThat(in.stringList("s")).isNull();
        assertThat(in.stringList("arr")).isNull();
        assertThat(in.array("s")).isNull();
        assertThat(errors).extracting(FieldError::index).containsOnly(3);
        assertThat(errors).extracting(FieldError::field, FieldError::message).containsExactly(
                tuple("i", "must be a string"),
                tuple("s", "must be a whole number"),
                tuple("l", "must be a whole number"),
                tuple("b", "must be a whole number"),
                tuple("s", "must be true or false"),
                tuple("s", "must be an ISO-8601 timestamp with an offset, e.g. 2026-01-31T12:00:00Z"),
                tuple("s", "must be an array of strings"),
                tuple("arr", "must be an array of strings"),
                tuple("s", "must be an array"));
    }

    @Test
    void aWholeNumberPastALongIsRefusedNotWrapped() {
        // SPEC: out-of-range values are a 400, never silently clamped
        List<FieldError> errors = new ArrayList<>();
        JsonInput in = input("{\"ms\":99999999999999999999}", Set.of("ms"), errors);
        assertThat(in.longValue("ms")).isNull();
        assertThat(errors).extracting(FieldError::message).containsExactly("must be a whole number");
    }

    @Test
    void aSwitchSentAsNullIsAnErrorAndANullListClearsIt() {
        List<FieldError> errors = new ArrayList<>();
        JsonInput in = input("{\"on\":null,\"off\":false,\"tags\":null}", Set.of("on", "off", "tags"), errors);
        assertThat(in.switchValue("off")).isFalse();
        assertThat(in.switchValue("absent")).isNull();
        assertThat(in.stringListOrEmpty("tags")).isEmpty();
        assertThat(in.stringListOrEmpty("absent")).isNull();
        assertThat(errors).isEmpty();
        assertThat(in.switchValue("on")).isNull();
        assertThat(errors).extracting(FieldError::field, FieldError::message)
                .containsExactly(tuple("on", "must be true or false, not null"));
    }

    @Test
    void aBodyThatIsNoObjectIsNamedByWhereItIs() {
        List<FieldError> errors = new ArrayList<>();
        assertThat(JsonInput.object(JSON.readTree("[1]"), null, "", Set.of(), errors)).isNull();
        assertThat(JsonInput.object(JSON.readTree("5"), 2, "exports[2].", Set.of(), errors)).isNull();
        assertThat(JsonInput.object(null, null, "", Set.of(), errors)).isNull();
        assertThat(errors).containsExactly(new FieldError(null, "body", "must be a JSON object"),
                new FieldError(2, "exports[2]", "must be a JSON object"),
                new FieldError(null, "body", "must be a JSON object"));
    }

    @Test
    void theCountOfUnknownFieldsStartsPastTheLimit() {
        for (int unknown : new int[]{JsonInput.UNKNOWN_LISTED, JsonInput.UNKNOWN_LISTED + 1}) {
            String body = IntStream.range(0, unknown).mapToObj(i -> "\"f" + i + "\":0").collect(Collectors.joining(",", "{", "}"));
            List<FieldError> errors = new ArrayList<>();
            input(body, Set.of("id"), errors);
            assertThat(errors).as("%d unknown", unknown).hasSize(unknown == JsonInput.UNKNOWN_LISTED ? 10 : 11);
        }
    }

    private static JsonInput input(String json, Set<String> allowed, List<FieldError> errors) {
        JsonNode node = JSON.readTree(json);
        return JsonInput.object(node, null, "", allowed, errors);
    }
}
