package io.connectionhealth.base.api;

import io.connectionhealth.base.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A query parameter the endpoint does not take is a 400 that lists the ones it does: a filter misspelled
 * ({@code connectionId} for {@code connection_id}) would otherwise be ignored and the answer hold everything.
 */
public final class KnownQueryParameters implements HandlerInterceptor {

    private static final String ENCODED =
            "valid %-encoded UTF-8 text (a % must be followed by two hex digits, and the bytes must be UTF-8)";

    /** The names each endpoint takes, read from its {@code @RequestParam}s once. */
    private final Map<HandlerMethod, Set<String>> known = new ConcurrentHashMap<>();
    /** Those of them that take a list ({@link CommaSeparated}). */
    private final Map<HandlerMethod, Set<String>> lists = new ConcurrentHashMap<>();

    private KnownQueryParameters() {
    }

    /** Registered by the web configuration (base/security), for {@code /api/v1/**}. */
    public static HandlerInterceptor create() {
        return new KnownQueryParameters();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // OPTIONS is answered by Spring itself, outside the API's problem handling
        if (handler instanceof HandlerMethod method && !"OPTIONS".equals(request.getMethod())
                && request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            Set<String> names = known.computeIfAbsent(method, m -> requestParams(m, false));
            // the query string's names only: a form body is no query (and is answered 400 later)
            List<String> given = queryNames(request.getQueryString());
            List<String> unknown = new ArrayList<>(new TreeSet<>(given));
            unknown.removeAll(names);
            if (!unknown.isEmpty()) {
                String takes = names.isEmpty() ? "it takes none" : "it takes " + String.join(", ", new TreeSet<>(names));
                throw new ValidationException("Unknown query parameter(s) " + String.join(", ", unknown) + "; " + takes,
                        unknown.stream().map(name -> new ValidationException.FieldError(null, name,
                                "is not a parameter of this endpoint (" + takes + ")")).toList());
            }
            // Spring joins a repeated parameter's values with commas: "integration_type=a&integration_type=b" asked
            // for the type "a,b" and found nothing, silently
            Set<String> repeated = new TreeSet<>();
            Set<String> seen = new TreeSet<>();
            for (String name : given) {
                if (!seen.add(name) && !lists.computeIfAbsent(method, m -> requestParams(m, true)).contains(name)) {
                    repeated.add(name);
                }
            }
            if (!repeated.isEmpty()) {
                throw new ValidationException("Query parameter(s) given more than once: " + String.join(", ", repeated),
                        repeated.stream().map(name -> new ValidationException.FieldError(null, name,
                                "takes one value; give it once")).toList());
            }
        }
        return true;
    }

    /**
     * The query string's names, each name and value checked as Tomcat will decode them: a broken %-escape or bytes
     * that are not UTF-8 would otherwise surface as an exception while the endpoint reads its parameters.
     */
    private static List<String> queryNames(String query) {
        List<String> names = new ArrayList<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                if (nameAndValue[0].isEmpty()) {
                    if (nameAndValue.length == 2) {
                        // "=x" or "=": Tomcat refuses a parameter without a name
                        throw ValidationException.of("query", "has a parameter without a name: '" + shortened(pair) + "'");
                    }
                    continue; // "&&": nothing
                }
                String name = decoded(nameAndValue[0]);
                if (name == null) {
                    throw ValidationException.of("query", "has a name that is not " + ENCODED + ": '"
                            + shortened(nameAndValue[0]) + "'");
                }
                String value = nameAndValue.length == 2 ? decoded(nameAndValue[1]) : "";
                if (value == null) {
                    throw ValidationException.of(name, "is not " + ENCODED + ": '" + shortened(nameAndValue[1]) + "'");
                }
                if (value.indexOf('\0') >= 0) {
                    // PostgreSQL cannot compare with it, H2 could: refused on both, as in a body
                    throw ValidationException.of(name, "must not contain the NUL character (%00)");
                }
                names.add(name);
            }
        }
        return names;
    }

    /** The text a query-string part stands for, or null when its escapes are broken or its bytes are not UTF-8. */
    static String decoded(String part) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '%') {
                int high = i + 2 < part.length() ? Character.digit(part.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(part.charAt(i + 2), 16);
                if (low < 0) {
                    return null;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }

    private static String shortened(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }

    private static Set<String> requestParams(HandlerMethod method, boolean listsOnly) {
        return Arrays.stream(method.getMethodParameters())
                .filter(p -> p.hasParameterAnnotation(RequestParam.class)
                        && (!listsOnly || p.hasParameterAnnotation(CommaSeparated.class)))
                .map(KnownQueryParameters::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String name(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        String name = param.name().isEmpty() ? param.value() : param.name();
        return name.isEmpty() ? parameter.getParameterName() : name;
    }
}
