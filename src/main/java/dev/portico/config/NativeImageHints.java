package dev.portico.config;

import dev.portico.template.vtl.TemplateValueTypes;
import java.util.List;
import org.graalvm.nativeimage.hosted.Feature;
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
 * </ul>
 * Quarkus registers what its extensions know (Jackson, Vert.x, the Lambda runtime, the REST client); the AWS SDK's
 * jars carry their own metadata. {@code NativeImageHintsTest} checks these lists against the code that uses them.
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
            "net.minidev.json.JSONObject");

    /** The schema validator's messages ({@code com.networknt.schema.i18n.ResourceBundleMessageSource}). */
    public static final List<String> RESOURCE_BUNDLES = List.of("jsv-messages");

    /** Called by the image builder (a Feature needs a public no-argument constructor). */
    public NativeImageHints() {}

    @Override
    public String getDescription() {
        return "Portico's reflection and resource bundle registrations";
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
