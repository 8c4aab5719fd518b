package io.connectionhealth.base.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Says in the API description which answer fields may be null: those whose record component is {@code @Nullable}
 * (OpenAPI 3.1: {@code "null"} among the types, and in the enum). springdoc reads no nullness annotation, and a client
 * generated from a description without it fails on the first connection that has no customer. And since the API writes
 * every field of an answer, null or not, every property of an answer's schema is listed as required: a generated
 * client then has no optional fields where there are none (the webhook's body, added by another customizer, says so
 * itself).
 */
@Component
public class NullableProperties implements OpenApiCustomizer {

    private static final String BASE_PACKAGE = "io.connectionhealth";
    /** The schemas' own naming (OpenApiConfig), so a component is found under the name its schema gives it. */
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE = new PropertyNamingStrategies.SnakeCaseStrategy();

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void customise(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Class<?>> records = recordsBySchemaName();
        api.getComponents().getSchemas().forEach((name, schema) -> {
            Class<?> type = records.get(name);
            if (type == null || schema.getProperties() == null) {
                return;
            }
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                    String property = SNAKE_CASE.translate(component.getName());
                    Map<String, Schema> properties = schema.getProperties();
                    Schema declared = properties.get(property);
                    if (declared != null) {
                        properties.put(property, nullable(declared));
                    }
                }
            }
        });
        requireEveryPropertyOfTheAnswers(api);
    }

    /** The object schemas a success answer holds, at any depth: each lists all it has. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void requireEveryPropertyOfTheAnswers(OpenAPI api) {
        Deque<Schema> todo = new ArrayDeque<>();
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation ->
                operation.getResponses().forEach((code, response) -> {
                    if (code.startsWith("2") && response.getContent() != null) {
                        response.getContent().values().forEach(media -> todo.add(media.getSchema()));
                    }
                })));
        Map<String, Schema> components = api.getComponents().getSchemas();
        Set<Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Schema schema = todo.pop();
            if (schema == null || !seen.add(schema)) {
                continue;
            }
            if (schema.get$ref() != null) {
                String ref = schema.get$ref();
                Schema named = components.get(ref.substring(ref.lastIndexOf('/') + 1));
                if (named != null) {
                    todo.push(named);
                }
                continue;
            }
            if (schema.getProperties() != null && !schema.getProperties().isEmpty()) {
                schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
                schema.getProperties().values().forEach(property -> todo.push((Schema) property));
            }
            if (schema.getItems() != null) {
                todo.push(schema.getItems());
            }
            if (schema.getAnyOf() != null) {
                schema.getAnyOf().forEach(option -> todo.push((Schema) option));
            }
            if (schema.getAdditionalProperties() instanceof Schema values) {
                todo.push(values);
            }
        }
    }

    /** {@code declared} that may also be null. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static Schema<?> nullable(Schema declared) {
        if (declared.get$ref() != null) {
            // a $ref cannot take a type of its own: either the referenced object or null
            Schema wrapper = new JsonSchema().anyOf(List.of(new JsonSchema().$ref(declared.get$ref()),
                    new JsonSchema().types(Set.of("null"))));
            wrapper.setDescription(declared.getDescription());
            return wrapper;
        }
        Set<String> types = new LinkedHashSet<>();
        if (declared.getTypes() != null) {
            types.addAll(declared.getTypes());
        } else if (declared.getType() != null) {
            types.add(declared.getType());
        }
        types.add("null");
        declared.setTypes(types);
        if (declared.getEnum() != null && !declared.getEnum().contains(null)) {
            List values = new ArrayList<>(declared.getEnum());
            values.add(null);
            declared.setEnum(values);
        }
        return declared;
    }

    /**
     * The application's records (answers, nested or not) by the name springdoc gives their schemas: the one their
     * {@code @Schema} names, else their simple name.
     */
    private static Map<String, Class<?>> recordsBySchemaName() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return true; // records nested in controllers too
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(Record.class));
        Map<String, Class<?>> found = new HashMap<>();
        Map<String, Class<?>> named = new HashMap<>();
        for (var candidate : scanner.findCandidateComponents(BASE_PACKAGE)) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), NullableProperties.class.getClassLoader());
            io.swagger.v3.oas.annotations.media.Schema schema =
                    type.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
            if (schema != null && !schema.name().isEmpty()) {
                named.put(schema.name(), type); // the name its schema has, which another record may have as its own
            } else {
                found.putIfAbsent(type.getSimpleName(), type);
            }
        }
        found.putAll(named);
        return found;
    }
}
