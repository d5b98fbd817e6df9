package dev.montage.api;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets controllers take {@link AccountId}, {@link QueryParams} and {@link JsonBody} as plain parameters. */
@Configuration
class RequestArgumentResolvers implements WebMvcConfigurer {

    private final JsonBodyResolver jsonBodyResolver;

    RequestArgumentResolvers(JsonBodyResolver jsonBodyResolver) {
        this.jsonBodyResolver = jsonBodyResolver;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(jsonBodyResolver);
        resolvers.add(new AccountIdResolver());
        resolvers.add(new QueryParamsResolver());
    }

    private static final class AccountIdResolver implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == AccountId.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
            Object account = webRequest.getAttribute(AccountId.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            if (account == null) {
                // Spring Security lets no request without an account reach a route that takes one: a wiring bug.
                throw new IllegalStateException("no authenticated account on a /v2 request");
            }
            return account;
        }
    }

    private static final class QueryParamsResolver implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == QueryParams.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
            return new QueryParams(webRequest.getParameterMap());
        }
    }
}
