package io.quarry.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The web server: for now the engine bean, health and a placeholder page; the dataset API comes with accounts. */
@SpringBootApplication
public class QuarryServerApplication {

    public static ConfigurableApplicationContext start(String... args) {
        SpringApplication application = new SpringApplication(QuarryServerApplication.class);
        application.setMainApplicationClass(QuarryServerApplication.class);
        return application.run(args);
    }

    public static void main(String[] args) {
        start(args);
    }
}
