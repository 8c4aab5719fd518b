package io.connectionhealth.base.security;

import org.springframework.context.annotation.Configuration;
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

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentActor());
    }
}
