package io.connectionhealth.base.security;

import io.connectionhealth.base.Actor;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.Optional;

/** The actor of the current request or UI session, from the security context. */
public final class CurrentActor implements HandlerMethodArgumentResolver {

    public static Optional<Actor> find() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof Actor actor ? Optional.of(actor) : Optional.empty();
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binderFactory) {
        // The request's principal comes from the security chain's own context holder (see ApiKeyAuthenticationFilter).
        if (request.getUserPrincipal() instanceof Authentication auth && auth.getPrincipal() instanceof Actor actor) {
            return actor;
        }
        return find().orElseThrow(() -> new IllegalStateException("No authenticated actor"));
    }
}
