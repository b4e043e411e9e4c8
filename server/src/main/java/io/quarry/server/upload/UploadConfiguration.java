package io.quarry.server.upload;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds the upload settings, and lets a refused upload be refused before its body is sent. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UploadProperties.class)
class UploadConfiguration {

    /**
     * Tomcat answers {@code Expect: 100-continue} only once the application reads the body, so an upload refused
     * from its headers alone (declared size over the limit) gets its 413 before the client sends gigabytes.
     */
    @Bean
    TomcatConnectorCustomizer continueWhenTheBodyIsRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }
}
