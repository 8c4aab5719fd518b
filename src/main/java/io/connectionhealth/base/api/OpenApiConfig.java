package io.connectionhealth.base.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.connectionhealth.base.Actor;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;

/**
 * The OpenAPI description served at {@code /api/v1/openapi.json} (Swagger UI at {@code /api/docs}): snake_case as the
 * API writes it, the API key as a bearer token, and the problem details every operation may answer.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    private static final String API_KEY = "apiKey";
    private static final String PROBLEM = "Problem";
    /** The operation's {@link KeyAccess} level, for clients and tools that read the description. */
    private static final String KEY_ACCESS = "x-key-access";

    static {
        // the caller, resolved from the API key (CurrentActor), is no request parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    @Bean
    OpenAPI connectionHealthApi() {
        return new OpenAPI()
                .info(new Info().title("Connection Health API").version("v1").description("""
                        Which of your customers' connections are broken, why, and who must act.

                        **Authentication**: `Authorization: Bearer <API key>`. Create keys in the dashboard \
                        (Settings → API keys); a key belongs to one workspace and sees only its data. No key or a \
                        wrong one answers 401; another workspace's id answers 404. A key may have full access, \
                        may report signals and manage connections, or may only read: what it may not do answers 403.

                        **Conventions**: JSON in snake_case; timestamps ISO-8601 in UTC; enum values, `sort` and \
                        `order` are exact, case included; unknown body fields and query parameters are refused (400), so a misspelt \
                        name never passes silently. Timestamps are written with the fraction of a second they \
                        hold (none, 3 or 6 digits, up to the microsecond): parse them as times, do not compare them \
                        as text. A timestamp sent may carry `Z` or an offset, `+02:00` or `+0200`.

                        **Paging**: lists page with `limit` (1–1000, default 100) and `offset`, and give no total. \
                        An offset counts rows in the order asked for at the moment of each request: while calls \
                        arrive or health changes, a row can move between two requests and be listed twice or \
                        missed. For a complete walk of the API call log (newest first), page by time instead: ask \
                        again with `created_lte` set to the last row's `created_at` and `offset` set to how many rows \
                        you have with exactly that `created_at` (the calls of one batch sent without `created_at` \
                        share one, and may fill more than a page). Send `created_lte` back as the text you read: a \
                        JavaScript `Date` keeps milliseconds only, so a time rebuilt from one can fall before calls \
                        of the same millisecond and skip them.

                        **Errors** are `application/problem+json` (RFC 9457) with a `detail` that says what is \
                        wrong and, for invalid input, an `errors` array of `{index, field, message}` (`index` is \
                        the item's position in a batch; at most 100 entries, the `detail` gives the whole count). \
                        A rejected request stores nothing."""))
                // relative, so "Try it out" calls the address the page was opened at: springdoc's default is built from
                // the request's Host, which behind a proxy can be an internal or plain-http address
                .servers(List.of(new Server().url("/").description("This server")))
                .components(new Components()
                        .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A workspace API key (Settings → API keys in the dashboard)")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY));
    }

    /** Every schema in snake_case, as the API reads and writes it (the naming the application's JSON uses). */
    @Bean
    ModelResolver snakeCaseSchemas(ObjectMapperProvider mappers) {
        return new ModelResolver(mappers.jsonMapper().copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    /** Says which keys may call an operation that changes something, from its {@link KeyAccess}. */
    @Bean
    OperationCustomizer keyAccess() {
        return (operation, handler) -> {
            KeyAccess access = handler.getMethodAnnotation(KeyAccess.class);
            if (access != null) {
                operation.addExtension(KEY_ACCESS, access.value().apiName());
                String needs = switch (access.value()) {
                    case FULL -> "Needs a key with full access.";
                    case REPORT -> "Needs a key with full access or one that may report (not a read-only key).";
                };
                operation.setDescription(operation.getDescription() == null ? needs
                        : operation.getDescription() + "\n\n" + needs);
            }
            return operation;
        };
    }

    /**
     * springdoc copies an array body's maxItems into its items' reference too ({"$ref": …, "maxItems": 10000}), which
     * says nothing of one call and is dropped here.
     */
    @Bean
    OpenApiCustomizer arrayLimitsOnTheArrayOnly() {
        return api -> api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                operation.getRequestBody().getContent().values().forEach(media -> {
                    Schema<?> body = media.getSchema();
                    if (body != null && body.getItems() != null && body.getItems().get$ref() != null) {
                        body.getItems().setMaxItems(null);
                    }
                });
            }
        }));
    }

    /** The problem answers every operation may give, beside its own success answer. */
    @Bean
    OpenApiCustomizer problemAnswers() {
        return api -> {
            // here, with the answers that name it: in the base description springdoc dropped it as unreferenced
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            addProblemAnswers(api);
        };
    }

    private static void addProblemAnswers(OpenAPI api) {
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            ApiResponses responses = operation.getResponses();
            // every operation: an unknown query parameter is refused too (KnownQueryParameters)
            ApiResponse declared = responses.get("400"); // an operation's own reason, which keeps its place
            responses.addApiResponse("400", problem(declared == null || declared.getDescription() == null
                    ? "Invalid input: the detail and `errors` say what to fix"
                    : declared.getDescription() + ", or other invalid input: the detail and `errors` say what to fix"));
            responses.addApiResponse("401", problem("No API key, or one that is not valid"));
            Object access = operation.getExtensions() == null ? null : operation.getExtensions().get(KEY_ACCESS);
            if (KeyAccess.Level.FULL.apiName().equals(access)) {
                responses.addApiResponse("403", problem("The API key may not do this: it needs full access (this "
                        + "key may only read, or only report signals and manage connections)"));
            } else if (access != null || !"GET".equals(method.name())) {
                responses.addApiResponse("403", problem("The API key may not do this: it may only read"));
            }
            // an operation's own problem answers (a 409, say) name the schema too
            responses.forEach((code, response) -> {
                MediaType problem = response.getContent() == null ? null
                        : response.getContent().get("application/problem+json");
                if (problem != null && problem.getSchema() == null) {
                    problem.setSchema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
                }
            });
            if (path.contains("{id}")) {
                responses.addApiResponse("404", problem("No such object in this workspace"));
            }
            if (operation.getRequestBody() != null) {
                responses.addApiResponse("413", problem("The body is over 16 MiB"));
            }
            responses.addApiResponse("503", problem("The database cannot be reached. " + Problems.PARTLY_DONE
                    + " Send it again after the Retry-After header's seconds"));
            jsonOnly(operation);
        }));
    }

    /** Spring says a success may be any media type ({@code *}{@code /*}); it is always JSON. */
    private static void jsonOnly(Operation operation) {
        operation.getResponses().forEach((code, response) -> {
            Content content = response.getContent();
            if (content != null && content.containsKey("*/*")) {
                MediaType json = content.remove("*/*");
                content.addMediaType("application/json", json);
            }
        });
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Schema error = new ObjectSchema()
                .addProperty("index", new IntegerSchema().description("The item's position in a batch; absent for one object"))
                .addProperty("field", new StringSchema())
                .addProperty("message", new StringSchema());
        return new ObjectSchema().description("RFC 9457 problem details")
                .properties(Map.of(
                        "type", new StringSchema().description("Not sent: its absence means about:blank "
                                + "(RFC 9457 §3.1.1); title and status say what kind of problem it is"),
                        "title", new StringSchema(),
                        "status", new IntegerSchema(),
                        "detail", new StringSchema().description("What is wrong, in words"),
                        "instance", new StringSchema(),
                        "errors", new ArraySchema().items(error).description("One entry per invalid field")));
    }
}
