package io.quarry.server.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The head of the OpenAPI description: title, and how to authenticate, so the docs UI at {@code /api/docs} can send a
 * personal API token ("Authorize") with every call it tries.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDescription {

    private static final String TOKEN = "apiToken";

    @Bean
    OpenAPI quarryOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Quarry API")
                        .description("Datasets, uploads, rows, profiles and charts of a Quarry server. Scripts send"
                                + " a personal API token (POST /api/tokens) as a bearer token; the web app uses its"
                                + " session cookie with a CSRF header."))
                .components(new Components()
                        .addSecuritySchemes(
                                TOKEN,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("A personal API token from POST /api/tokens.")))
                .addSecurityItem(new SecurityRequirement().addList(TOKEN));
    }
}
