package io.connectionhealth.base.api;

import io.connectionhealth.base.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.net.URLDecoder;
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

    /** The names each endpoint takes, read from its {@code @RequestParam}s once. */
    private final Map<HandlerMethod, Set<String>> known = new ConcurrentHashMap<>();

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
            Set<String> names = known.computeIfAbsent(method, KnownQueryParameters::requestParams);
            // the query string's names only: a form body is no query (and is answered 415 later)
            List<String> unknown = new ArrayList<>(queryNames(request.getQueryString()));
            unknown.removeAll(names);
            if (!unknown.isEmpty()) {
                String takes = names.isEmpty() ? "it takes none" : "it takes " + String.join(", ", new TreeSet<>(names));
                throw new ValidationException("Unknown query parameter(s) " + String.join(", ", unknown) + "; " + takes,
                        unknown.stream().map(name -> new ValidationException.FieldError(null, name,
                                "is not a parameter of this endpoint (" + takes + ")")).toList());
            }
        }
        return true;
    }

    private static Set<String> queryNames(String query) {
        Set<String> names = new TreeSet<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String name = pair.split("=", 2)[0];
                if (!name.isEmpty()) {
                    try {
                        names.add(URLDecoder.decode(name, StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException badEscape) {
                        throw ValidationException.of("query", "has a % not followed by two hex digits: '" + name + "'");
                    }
                }
            }
        }
        return names;
    }

    private static Set<String> requestParams(HandlerMethod method) {
        return Arrays.stream(method.getMethodParameters())
                .filter(p -> p.hasParameterAnnotation(RequestParam.class))
                .map(KnownQueryParameters::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String name(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        String name = param.name().isEmpty() ? param.value() : param.name();
        return name.isEmpty() ? parameter.getParameterName() : name;
    }
}
