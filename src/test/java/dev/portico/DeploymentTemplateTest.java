package dev.portico;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.portico.config.PorticoConfig;
import dev.portico.tools.emulator.PackagedFunction;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * template.yaml deploys what this build makes: the handler the code has, the runtime it is compiled for, and
 * environment variables the function reads under the names it reads them.
 */
class DeploymentTemplateTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final JsonNode TEMPLATE = read();
    private static final JsonNode FUNCTION = TEMPLATE.path("Resources").path("PorticoFunction");

    /** What each variable the template sets must reach in the function's configuration. */
    private static final Map<String, Function<PorticoConfig, Object>> READ_AS = new LinkedHashMap<>();

    static {
        READ_AS.put("PORTICO_STAGE", PorticoConfig::stage);
        READ_AS.put("PORTICO_API_ID", PorticoConfig::apiId);
        READ_AS.put("PORTICO_HEALTH_CHECK_PATH", PorticoConfig::healthCheckPath);
        READ_AS.put("PORTICO_ROUTES", config -> config.routes().file().orElse(null));
        READ_AS.put("PORTICO_ROUTES_SOURCE", config -> config.routes().source().map(kind -> kind.name().toLowerCase()).orElse(null));
        READ_AS.put("PORTICO_ROUTES_DYNAMODB_TABLE", config -> config.routes().dynamodb().table().orElse(null));
        READ_AS.put("PORTICO_ACCESS_LOG_FORMAT", config -> config.accessLog().format().orElse(null));
        READ_AS.put("PORTICO_API_KEYS_TABLE", config -> config.apiKeys().table().orElse(null));
        READ_AS.put("PORTICO_METRICS_NAMESPACE", config -> config.metrics().namespace().orElse(null));
        READ_AS.put("PORTICO_TRACING_ENABLED", config -> String.valueOf(config.tracing().enabled()));
        READ_AS.put("PORTICO_API_MAPPINGS", config -> config.apiMappings().orElse(null));
        READ_AS.put("PORTICO_API_MAPPINGS_SOURCE", config -> config.apiMappingsSource().name().toLowerCase());
    }

    private static JsonNode read() {
        try {
            return new YAMLMapper().readTree(PROJECT.resolve("template.yaml").toFile());
        } catch (Exception e) {
            throw new IllegalStateException("template.yaml does not parse", e);
        }
    }

    @Test
    void theHandlerIsTheOneTheCodeHas() throws Exception {
        String handler = jvm(FUNCTION.path("Properties").path("Handler")).asText();
        assertEquals(PackagedFunction.QUARKUS_HANDLER, handler);
        String[] classAndMethod = handler.split("::");
        Class<?> type = Class.forName(classAndMethod[0]);
        assertTrue(java.util.Arrays.stream(type.getMethods()).anyMatch(m -> m.getName().equals(classAndMethod[1])), handler);
    }

    /** The runtime's Java is what the classes are compiled for, what the JDK finder asks for and what the tests run. */
    @Test
    void theRuntimeRunsTheJavaTheCodeIsCompiledFor() throws Exception {
        assertEquals(PackagedFunction.RUNTIME, jvm(FUNCTION.path("Properties").path("Runtime")).asText());
        assertEquals("java" + PackagedFunction.RUNTIME_JAVA, PackagedFunction.RUNTIME);
        try (InputStream in = PorticoHandler.class.getResourceAsStream("PorticoHandler.class");
             DataInputStream data = new DataInputStream(in)) {
            assertEquals(0xCAFEBABE, data.readInt());
            data.readUnsignedShort(); // minor
            assertEquals(PackagedFunction.RUNTIME_JAVA + 44, data.readUnsignedShort(), "class file major version");
        }
        Matcher required = Pattern.compile("(?m)^portico_jdk_required=(\\d+)$")
                .matcher(Files.readString(PROJECT.resolve(".mvn/jdk.sh")));
        assertTrue(required.find());
        assertEquals(PackagedFunction.RUNTIME_JAVA, Integer.parseInt(required.group(1)));
        // SnapStart applies to the java runtimes (java11 and later); it is kept on
        assertEquals("PublishedVersions", jvm(FUNCTION.path("Properties").path("SnapStart").path("ApplyOn")).asText());
    }

    /** A property's value for Build=jvm: the last branch of {@code !If [IsNative, native, jvm]} (YAML tags dropped). */
    private static JsonNode jvm(JsonNode value) {
        return isNativeChoice(value) ? value.get(2) : value;
    }

    private static boolean isNativeChoice(JsonNode value) {
        return value.isArray() && value.size() == 3 && value.get(0).asText().equals("IsNative");
    }

    /**
     * Build=native (issue 21): the native zip's {@code bootstrap} on the OS-only runtime, no SnapStart (java runtimes
     * only), and sam build's Makefile target makes the native zip when told to.
     */
    @Test
    void theNativeVariantIsAParameterThatRunsTheBootstrapOnProvidedAl2023() throws Exception {
        JsonNode build = TEMPLATE.path("Parameters").path("Build");
        assertEquals("jvm", build.path("Default").asText());
        assertEquals("[\"jvm\",\"native\"]", build.path("AllowedValues").toString());
        assertEquals("[\"Build\",\"native\"]", TEMPLATE.path("Conditions").path("IsNative").toString());
        JsonNode properties = FUNCTION.path("Properties");
        assertTrue(isNativeChoice(properties.path("Runtime")), properties.path("Runtime").toString());
        assertEquals("provided.al2023", properties.path("Runtime").get(1).asText());
        assertEquals("bootstrap", properties.path("Handler").get(1).asText());
        assertEquals("None", properties.path("SnapStart").path("ApplyOn").get(1).asText());
        String makefile = Files.readString(PROJECT.resolve("Makefile"));
        assertTrue(makefile.contains("$(if $(filter true,$(PORTICO_NATIVE)),-Dnative -Dquarkus.native.container-build=true)"),
                makefile);
    }

    @Test
    void everyPorticoVariableTheTemplateSetsIsReadUnderThatName() {
        TreeSet<String> set = new TreeSet<>();
        FUNCTION.path("Properties").path("Environment").path("Variables").fieldNames().forEachRemaining(name -> {
            if (name.startsWith("PORTICO_")) {
                set.add(name);
            }
        });
        assertEquals(new TreeSet<>(READ_AS.keySet()), set, "a PORTICO_ variable in template.yaml without a check here");

        Map<String, String> env = new LinkedHashMap<>();
        READ_AS.keySet().forEach(name -> env.put(name, "value-of-" + name));
        env.put("PORTICO_ROUTES_SOURCE", "dynamodb");
        env.put("PORTICO_HEALTH_CHECK_PATH", "/ping");
        env.put("PORTICO_TRACING_ENABLED", "true");
        env.put("PORTICO_API_MAPPINGS_SOURCE", "dynamodb");
        PorticoConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new EnvConfigSource(env, 300))
                .withMapping(PorticoConfig.class)
                .build()
                .getConfigMapping(PorticoConfig.class);
        READ_AS.forEach((name, read) -> assertEquals(env.get(name), read.apply(config), name));
    }

    @Test
    void oneHealthCheckPathFeedsTheTargetGroupAndTheFunction() {
        assertEquals("/health", TEMPLATE.path("Parameters").path("HealthCheckPath").path("Default").asText());
        assertEquals("HealthCheckPath", TEMPLATE.path("Resources").path("TargetGroup").path("Properties")
                .path("HealthCheckPath").asText());
        assertEquals("HealthCheckPath", FUNCTION.path("Properties").path("Environment").path("Variables")
                .path("PORTICO_HEALTH_CHECK_PATH").asText());
    }

    @Test
    void samBuildRunsTheMakefileTargetForTheFunction() throws Exception {
        assertEquals("makefile", FUNCTION.path("Metadata").path("BuildMethod").asText());
        assertEquals(".", FUNCTION.path("Properties").path("CodeUri").asText());
        String makefile = Files.readString(PROJECT.resolve("Makefile"));
        assertTrue(makefile.contains("\nbuild-PorticoFunction:\n"), makefile);
        assertTrue(makefile.contains("$(ARTIFACTS_DIR)"), makefile);
    }

    @Test
    void withACertificatePort80RedirectsToAnHttpsListenerWithACurrentPolicy() {
        JsonNode resources = TEMPLATE.path("Resources");
        JsonNode https = resources.path("HttpsListener");
        assertEquals("HasCertificate", https.path("Condition").asText());
        assertEquals("HTTPS", https.path("Properties").path("Protocol").asText());
        assertEquals("SslPolicy", https.path("Properties").path("SslPolicy").asText());
        assertTrue(TEMPLATE.path("Parameters").path("SslPolicy").path("Default").asText().startsWith("ELBSecurityPolicy-TLS13-"));
        JsonNode httpAction = resources.path("HttpListener").path("Properties").path("DefaultActions").get(0);
        assertNotNull(httpAction);
        assertEquals("HasCertificate", httpAction.get(0).asText());
        assertEquals("redirect", httpAction.get(1).path("Type").asText());
        assertEquals("HTTPS", httpAction.get(1).path("RedirectConfig").path("Protocol").asText());
        assertEquals("forward", httpAction.get(2).path("Type").asText());
    }

    @Test
    void eachApiPathPrefixIsAListenerRuleForwardingItsBasePathToTheFunction() {
        JsonNode resources = TEMPLATE.path("Resources");
        for (int i = 1; i <= 3; i++) {
            JsonNode rule = resources.path("ApiPathRule" + i);
            assertEquals("AWS::ElasticLoadBalancingV2::ListenerRule", rule.path("Type").asText(), "ApiPathRule" + i);
            assertEquals("HasApiPathPrefix" + i, rule.path("Condition").asText());
            JsonNode condition = rule.path("Properties").path("Conditions").get(0);
            assertEquals("path-pattern", condition.path("Field").asText());
            JsonNode values = condition.path("PathPatternConfig").path("Values");
            assertEquals("ApiPathPrefix" + i, values.get(0).asText(), "the prefix itself");
            assertEquals("${ApiPathPrefix" + i + "}/*", values.get(1).asText(), "and everything under it");
            JsonNode action = rule.path("Properties").path("Actions").get(0);
            assertEquals("forward", action.path("Type").asText());
            assertEquals("TargetGroup", action.path("TargetGroupArn").asText());
            assertTrue(TEMPLATE.path("Parameters").path("ApiPathPrefix" + i).path("Default").asText().isEmpty());
        }
        assertTrue(TEMPLATE.path("Parameters").path("ApiMappingsSource").path("AllowedValues").toString()
                .contains("dynamodb"));
    }
}
