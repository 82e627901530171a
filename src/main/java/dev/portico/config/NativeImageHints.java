package dev.portico.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Classes that libraries create by name at run time, registered so a native image has them: Velocity builds
 * its resource manager, parser pool, introspection and directives from class names in its default properties,
 * and Jayway JsonPath picks its JSON provider by class. Portico's own template variables carry their own
 * {@code @RegisterForReflection}.
 */
@RegisterForReflection(targets = {
        org.apache.velocity.runtime.resource.ResourceManagerImpl.class,
        org.apache.velocity.runtime.resource.ResourceCacheImpl.class,
        org.apache.velocity.runtime.resource.loader.StringResourceLoader.class,
        org.apache.velocity.runtime.resource.loader.FileResourceLoader.class,
        org.apache.velocity.runtime.ParserPoolImpl.class,
        org.apache.velocity.util.introspection.UberspectImpl.class,
        org.apache.velocity.util.introspection.TypeConversionHandlerImpl.class,
        org.apache.velocity.runtime.directive.Foreach.class,
        org.apache.velocity.runtime.directive.Include.class,
        org.apache.velocity.runtime.directive.Parse.class,
        org.apache.velocity.runtime.directive.Macro.class,
        org.apache.velocity.runtime.directive.Evaluate.class,
        org.apache.velocity.runtime.directive.Break.class,
        org.apache.velocity.runtime.directive.Define.class,
        org.apache.velocity.runtime.directive.Stop.class,
        com.jayway.jsonpath.spi.json.JsonSmartJsonProvider.class,
        com.jayway.jsonpath.spi.mapper.JsonSmartMappingProvider.class,
}, classNames = {"net.minidev.json.JSONArray", "net.minidev.json.JSONObject"})
public final class NativeImageHints {
    private NativeImageHints() {}
}
