package io.atende.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.atende.AtendeApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Starts a whole Atende server inside the test JVM, as another node would run in production:
 * its own web server on a random port, on the database the test names. Close it when done.
 */
public final class TestNodes {

    private TestNodes() {
    }

    /**
     * @param jdbcUrl   the database the node works on (tests share one by passing the same URL)
     * @param arguments more properties as {@code name=value}, taking precedence over every file
     * @param sources   configuration classes of the test to add to the application's own
     */
    public static ConfigurableApplicationContext start(String jdbcUrl, List<String> arguments, Class<?>... sources) {
        List<String> commandLine = new ArrayList<>();
        commandLine.add("--spring.datasource.url=" + jdbcUrl);
        commandLine.add("--server.port=0");
        commandLine.add("--spring.datasource.hikari.maximum-pool-size=3");
        arguments.forEach(argument -> commandLine.add("--" + argument));
        return new SpringApplicationBuilder(AtendeApplication.class)
                .sources(sources)
                .profiles("test")
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton(TestSourcesExcluded.class.getName(), new TestSourcesExcluded()))
                .run(commandLine.toArray(String[]::new));
    }

    /** The port the node's web server listens on. */
    public static int port(ConfigurableApplicationContext node) {
        return node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /**
     * Keeps the test sources (other tests' configurations, probes and vetoes) out of the node's
     * component scan, as the test framework does for the contexts it starts itself.
     */
    private static final class TestSourcesExcluded extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return reader.getResource().getURL().toString().contains("/test-classes/");
        }

        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }
    }
}
