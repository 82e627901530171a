package dev.portico.config;

import dev.portico.template.vtl.TemplateValueTypes;
import java.util.List;
import org.graalvm.nativeimage.hosted.Feature;
import org.graalvm.nativeimage.hosted.RuntimeClassInitialization;
import org.graalvm.nativeimage.hosted.RuntimeReflection;
import org.graalvm.nativeimage.hosted.RuntimeResourceAccess;

/**
 * Every reflective and resource-bundle lookup Portico's libraries make on Portico's paths, registered in one place
 * for the native image, which is built with exact reachability metadata ({@code -H:ThrowMissingRegistrationErrors=}
 * in application.properties): a lookup nothing registered throws {@code MissingReflectionRegistrationError} instead
 * of quietly finding nothing. A GraalVM {@link Feature}, run by the image builder only
 * ({@code --features=dev.portico.config.NativeImageHints}); the JVM never loads it.
 *
 * <ul>
 *   <li>{@link TemplateValueTypes#closure()}: Velocity's introspection reads the declared methods and fields of
 *       each template value's class, superclasses and interfaces, then invokes the method it picked. Derived from
 *       the closed set of value types, which the sandbox enforces on the JVM too.
 *   <li>{@link TemplateValueTypes#velocityCreatedByName()} and {@link #CREATED_BY_NAME}: classes libraries
 *       instantiate from a class name in their configuration.
 *   <li>{@link #RESOURCE_BUNDLES}: {@code ResourceBundle.getBundle} names.
 *   <li>{@link #INITIALIZED_AT_RUN_TIME}: classes whose static state must not be frozen into the image.
 * </ul>
 * Quarkus registers what its extensions know (Jackson, Vert.x, the Lambda runtime, the REST client); the AWS SDK's
 * jars carry their own metadata, but for the global interceptor list that every SDK client reads
 * ({@code quarkus.native.resources.includes} in application.properties, a glob, as a file nobody ships must still
 * answer "not there" rather than throw). Resources looked up by name whether or not a jar has them (SmallRye Config's
 * optional sources, the SDK's interceptor lists and partitions override) are literal globs in
 * {@code META-INF/native-image/dev.portico/portico/reachability-metadata.json}: only such a glob records that an
 * absent file is absent, so that the lookup answers "not there" instead of a missing-registration error. {@code NativeImageHintsTest} checks these lists against the code that uses them.
 */
public final class NativeImageHints implements Feature {
    /**
     * Created by name, besides Velocity's own ({@link TemplateValueTypes#velocityCreatedByName()}, derived from its
     * settings): Jayway JsonPath picks its JSON and mapping providers by class, json-smart its containers.
     */
    public static final List<String> CREATED_BY_NAME = List.of(
            "com.jayway.jsonpath.spi.json.JsonSmartJsonProvider",
            "com.jayway.jsonpath.spi.mapper.JsonSmartMappingProvider",
            "net.minidev.json.JSONArray",
            "net.minidev.json.JSONObject",
            // Velocity's string resource loader creates its repository by class name (its default setting).
            "org.apache.velocity.runtime.resource.util.StringResourceRepositoryImpl",
            // The common ForkJoinPool's thread factory, named by a system property Quarkus sets.
            "io.quarkus.bootstrap.forkjoin.QuarkusForkJoinWorkerThreadFactory");

    /**
     * Classes whose static state must be built when the function starts, not in the image: the AWS SDK's retry
     * policies hold a {@code java.util.Random} (a seed fixed in the image would give every function the same
     * jitter) and its cached suppliers hold clocks and threads. quarkus-amazon-services marked the same ones; Portico
     * uses the SDK's client without that extension, so it marks them here (the CRT side: {@link CrtAbsentSubstitutions}).
     */
    public static final List<String> INITIALIZED_AT_RUN_TIME = List.of(
            "software.amazon.awssdk.services.dynamodb.DynamoDbRetryPolicy",
            "software.amazon.awssdk.core.retry.backoff.FullJitterBackoffStrategy",
            "software.amazon.awssdk.utils.cache.CachedSupplier");

    /**
     * Fields read reflectively by name ({@code Type#field}). None now: Netty's read of {@code java.nio.Bits#MAX_MEMORY}
     * cannot be registered (GraalVM replaces that field with accessors), see {@link NettyBitsSubstitutions}.
     */
    public static final List<String> FIELDS_READ_BY_NAME = List.of();

    /** The schema validator's messages ({@code com.networknt.schema.i18n.ResourceBundleMessageSource}). */
    public static final List<String> RESOURCE_BUNDLES = List.of("jsv-messages");

    /** Called by the image builder (a Feature needs a public no-argument constructor). */
    public NativeImageHints() {}

    @Override
    public String getDescription() {
        return "Portico's reflection and resource bundle registrations";
    }

    @Override
    public void afterRegistration(AfterRegistrationAccess access) {
        for (String name : INITIALIZED_AT_RUN_TIME) {
            if (access.findClassByName(name) == null) {
                throw new IllegalStateException("NativeImageHints.INITIALIZED_AT_RUN_TIME: no class " + name);
            }
            RuntimeClassInitialization.initializeAtRunTime(name);
        }
    }

    @Override
    public void beforeAnalysis(BeforeAnalysisAccess access) {
        for (Class<?> type : TemplateValueTypes.closure()) {
            registerForIntrospection(type);
        }
        java.util.Set<String> byName = new java.util.LinkedHashSet<>(TemplateValueTypes.velocityCreatedByName());
        byName.addAll(CREATED_BY_NAME);
        for (String name : byName) {
            Class<?> type = access.findClassByName(name);
            if (type == null) {
                throw new IllegalStateException("NativeImageHints: no class " + name + " to register");
            }
            registerForIntrospection(type);
            RuntimeReflection.registerAllDeclaredConstructors(type);
            RuntimeReflection.register(type.getDeclaredConstructors());
        }
        for (String field : FIELDS_READ_BY_NAME) {
            String[] typeAndName = field.split("#");
            Class<?> type = access.findClassByName(typeAndName[0]);
            try {
                RuntimeReflection.register(type);
                RuntimeReflection.register(type.getDeclaredField(typeAndName[1]));
            } catch (NoSuchFieldException | NullPointerException e) {
                throw new IllegalStateException("NativeImageHints.FIELDS_READ_BY_NAME: no field " + field, e);
            }
        }
        for (String bundle : RESOURCE_BUNDLES) {
            RuntimeResourceAccess.addResourceBundle(NativeImageHints.class.getModule(), bundle);
        }
    }

    /** Queries of all declared and public methods and fields, and invocation of the public methods. */
    private static void registerForIntrospection(Class<?> type) {
        RuntimeReflection.register(type);
        RuntimeReflection.registerAllDeclaredMethods(type);
        RuntimeReflection.registerAllMethods(type);
        RuntimeReflection.registerAllDeclaredFields(type);
        RuntimeReflection.registerAllFields(type);
        RuntimeReflection.register(type.getMethods());
        for (var method : type.getDeclaredMethods()) {
            if (java.lang.reflect.Modifier.isPublic(method.getModifiers())) {
                RuntimeReflection.register(method);
            }
        }
    }
}
