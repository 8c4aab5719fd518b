package io.connectionhealth.base.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Refuses, before anything is stored, what Spring MVC would only find out once a write was done: a request that
 * changes something while its Accept header admits no JSON (the change was committed, then answered 406, and a client
 * retrying the 406 stored it twice), an Accept header that cannot be read (every answer went out without a body), and
 * a wildcard Content-Type on a body (a 500). Runs after authentication, so a request without a key still gets its 401
 * first; for a write the 406 then comes before anything else (a 404 too). Reads keep the order they had: the handler
 * first (a 404 wins), the 406 as the answer is written.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class ApiHeadersFilter extends OncePerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH");
    private static final MediaType ANY_JSON = new MediaType("application", "*+json");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        List<MediaType> acceptable;
        try {
            acceptable = accept.stream().allMatch(String::isBlank) ? List.of(MediaType.ALL)
                    : MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            Problems.write(response, 400, "Invalid request", "The Accept header '" + String.join(", ", accept)
                    + "' could not be read (" + e.getMessage() + "); send Accept: application/json, or none",
                    path, "Accept", "must admit application/json");
            return;
        }
        boolean write = WRITES.contains(request.getMethod());
        if (write && acceptable.stream().noneMatch(ApiHeadersFilter::admitsJson)) {
            Problems.write(response, 406, "Not Acceptable", "This API answers in JSON only (errors as "
                    + "application/problem+json), and the Accept header '" + String.join(", ", accept)
                    + "' admits neither; nothing was done. Send Accept: application/json, or none",
                    path, "Accept", "must admit application/json");
            return;
        }
        String contentType = request.getContentType();
        boolean body = request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (write && body && contentType != null && !contentType.isBlank() && isWildcard(contentType)) {
            Problems.write(response, 400, "Invalid request", "Content-Type '" + contentType + "' is not accepted "
                    + "here; send the body as JSON with Content-Type: application/json", path, "Content-Type",
                    "must be application/json");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean admitsJson(MediaType range) {
        return range.getQualityValue() > 0
                && (range.isCompatibleWith(MediaType.APPLICATION_JSON) || range.isCompatibleWith(ANY_JSON));
    }

    /** A range such as {@code *}{@code /*} or {@code application/*}, which says what a client takes, not what it sends. */
    private static boolean isWildcard(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false; // Spring MVC says what is wrong with it
        }
    }
}
