package io.connectionhealth.base.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import io.connectionhealth.base.api.KnownQueryParameters;

import java.util.List;

@Configuration
class WebConfig implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(KnownQueryParameters.create()).addPathPatterns("/api/v1/**")
                .excludePathPatterns("/api/v1/openapi.json", "/api/v1/openapi.json/**");
    }

    /**
     * The API speaks JSON only (SPEC §5). The API description's library brings jackson-dataformat-yaml, and Spring
     * registers a YAML converter whenever it is there: it answered {@code Accept: application/yaml} with camelCase
     * YAML and a YAML body with a 500.
     */
    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(converters -> converters.removeIf(converter -> converter
                .getSupportedMediaTypes().stream().anyMatch(type -> type.getSubtype().contains("yaml"))));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentActor());
    }
}
