package io.connectionhealth.base.api;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * A success is labelled {@code application/json} whatever JSON type the client asked for: the JSON converter answered
 * {@code Accept: application/problem+json} with a list of connections labelled as a problem (SPEC §5 keeps that type
 * for errors), and echoed a made-up {@code application/vnd.foo+json}. Declaring {@code produces} on the controllers
 * instead turned such requests into 406s before a 404 or a DELETE could answer.
 */
@RestControllerAdvice(basePackages = "io.connectionhealth")
class JsonSuccesses implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
                                  Class<? extends HttpMessageConverter<?>> selectedConverterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (!(body instanceof ProblemDetail) && selectedContentType != null
                && selectedContentType.getSubtype().endsWith("json")
                && !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(selectedContentType)) {
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        }
        return body;
    }
}
