package dev.portico.route.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.errors.GatewayResponseType;
import dev.portico.route.AccessControl;
import dev.portico.route.ContentHandling;
import dev.portico.route.GatewayResponseDefinition;
import dev.portico.route.IntegrationDefinition;
import dev.portico.route.IntegrationResponseDefinition;
import dev.portico.route.IntegrationType;
import dev.portico.route.MethodParameter;
import dev.portico.route.PassthroughBehavior;
import dev.portico.route.RequestValidator;
import dev.portico.route.Route;
import dev.portico.route.RouteMatcher;
import dev.portico.route.RouteTable;
import dev.portico.template.MappingTemplate;
import dev.portico.template.TemplateCompiler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A loaded route table written as the routes themselves, for the bundled table: the build loads and checks the
 * table in full, then writes what the load made ({@link #write}); the start reads it back ({@link #read}) with no
 * document tree, no validation and no template parsing, since the build did all three on the same bytes.
 *
 * <p>The form: a header ({@link #MAGIC}, {@link #VERSION}), every distinct string once (UTF-8), then the routes,
 * the gateway responses and the binary media types, each string by its index in that list; numbers are unsigned
 * variable-length integers (7 bits a byte), {@code 0} standing for null where a string or number may be absent and
 * {@code i + 1} for the i-th string. Only tables whose load does not depend on the function's configuration are
 * written ({@link #independentOfConfiguration}): every route open, no import variable, no export base path.
 */
public final class CompactRouteTable {
    /** "PRTC": what every compact table starts with. */
    static final int MAGIC = 0x50525443;
    /** Bumped whenever the layout changes; a table of another version is refused, and the start loads the JSON. */
    static final int VERSION = 1;

    /** Jackson's mapper, made for the first body schema: a table without one never loads it here. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private CompactRouteTable() {}

    /** Thrown for bytes that are not a compact table of this version: the caller loads the document instead. */
    public static final class FormatException extends RuntimeException {
        FormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Why the table's load would depend on the function's configuration, or null when it does not: a route with
     * access control (its checks depend on {@code portico.access-control.enforced-upstream}) or an export base
     * path (on {@code portico.routes.basepath}). Import variables need no check here: the build's load refuses
     * every one, so a table with one never gets this far.
     */
    static String independentOfConfiguration(RouteTable table, List<String> basePath) {
        if (!basePath.isEmpty()) {
            return "the export declares a base path";
        }
        for (Route route : table.routes()) {
            if (!route.access().isOpen()) {
                return route.name() + " has access control";
            }
        }
        return null;
    }

    /** The table's compact form; every route must be open (see {@link #independentOfConfiguration}). */
    public static byte[] write(RouteTable table) {
        return new Writer().table(table);
    }

    /**
     * The table the bytes describe, its templates trusted as checked ({@link TemplateCompiler#checked}).
     *
     * @throws FormatException when the bytes are not a whole compact table of this version
     */
    public static RouteTable read(String source, byte[] bytes, TemplateCompiler compiler) {
        try {
            return new Reader(bytes, compiler.forOneTable()).table(source);
        } catch (RuntimeException e) {
            throw e instanceof FormatException f ? f
                    : new FormatException("not a compact route table: " + e.getClass().getSimpleName(), e);
        }
    }

    private static final class Writer {
        private final Map<String, Integer> indexes = new HashMap<>();
        private final List<String> strings = new ArrayList<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        byte[] table(RouteTable table) {
            List<Route> routes = table.routes();
            number(routes.size());
            for (Route route : routes) {
                route(route);
            }
            number(table.gatewayResponses().size());
            table.gatewayResponses().forEach((type, response) -> {
                number(type.ordinal());
                number(response.statusCode() == null ? 0 : response.statusCode() + 1);
                strings(response.responseParameters());
                templates(response.responseTemplates());
            });
            number(table.binaryMediaTypes().size());
            table.binaryMediaTypes().forEach(this::string);
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 64 * strings.size());
            Writer header = new Writer();
            header.number(MAGIC);
            header.number(VERSION);
            header.number(strings.size());
            for (String s : strings) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                header.number(utf8.length);
                header.body.writeBytes(utf8);
            }
            out.writeBytes(header.body.toByteArray());
            out.writeBytes(body.toByteArray());
            return out.toByteArray();
        }

        private void route(Route route) {
            if (!route.access().isOpen()) {
                throw new IllegalArgumentException(route.name() + ": access control is checked at start");
            }
            string(route.resourcePath());
            string(route.method());
            string(route.operationId());
            number(route.parameters().size());
            for (MethodParameter parameter : route.parameters()) {
                number(parameter.in().ordinal());
                string(parameter.name());
                flag(parameter.required());
            }
            RequestValidator validator = route.validator();
            flag(validator != null);
            if (validator != null) {
                flag(validator.validateRequestParameters());
                flag(validator.validateRequestBody());
                string(validator.bodySchema() == null ? null : json(validator.bodySchema()));
            }
            IntegrationDefinition integration = route.integration();
            number(integration.type().ordinal());
            string(integration.uri());
            string(integration.httpMethod());
            strings(integration.requestParameters());
            templates(integration.requestTemplates());
            number(integration.passthroughBehavior().ordinal());
            number(integration.contentHandling().ordinal());
            number(integration.timeoutMillis());
            number(integration.responses().size());
            for (IntegrationResponseDefinition response : integration.responses()) {
                string(response.key());
                flag(response.selectionPattern() != null);
                number(response.statusCode());
                strings(response.responseParameters());
                templates(response.responseTemplates());
                number(response.contentHandling().ordinal());
            }
            string(integration.credentials());
            flag(integration.insecureSkipVerification());
            string(integration.payloadFormatVersion());
        }

        private static String json(JsonNode node) {
            try {
                return Json.MAPPER.writeValueAsString(node);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private void strings(Map<String, String> map) {
            number(map.size());
            map.forEach((key, value) -> {
                string(key);
                string(value);
            });
        }

        private void templates(Map<String, MappingTemplate> map) {
            number(map.size());
            map.forEach((key, value) -> {
                string(key);
                string(value.source());
            });
        }

        private void string(String s) {
            number(s == null ? 0 : indexes.computeIfAbsent(s, k -> {
                strings.add(k);
                return strings.size();
            }));
        }

        private void flag(boolean b) {
            body.write(b ? 1 : 0);
        }

        private void number(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("negative " + n);
            }
            while (n >= 0x80) {
                body.write(n & 0x7f | 0x80);
                n >>>= 7;
            }
            body.write(n);
        }
    }

    private static final class Reader {
        private final byte[] bytes;
        private final TemplateCompiler templates;
        private final Map<String, Pattern> patterns = new HashMap<>();
        private int at;
        private String[] strings;

        Reader(byte[] bytes, TemplateCompiler templates) {
            this.bytes = bytes;
            this.templates = templates;
        }

        RouteTable table(String source) {
            if (number() != MAGIC) {
                throw new FormatException("not a compact route table", null);
            }
            int version = number();
            if (version != VERSION) {
                throw new FormatException("compact route table version " + version + ", not " + VERSION, null);
            }
            strings = new String[count()];
            for (int i = 0; i < strings.length; i++) {
                int length = count();
                strings[i] = new String(bytes, at, length, StandardCharsets.UTF_8);
                at += length;
            }
            Route[] routes = new Route[count()];
            for (int i = 0; i < routes.length; i++) {
                routes[i] = route();
            }
            int gatewayCount = count();
            Map<GatewayResponseType, GatewayResponseDefinition> gateway = new EnumMap<>(GatewayResponseType.class);
            for (int i = 0; i < gatewayCount; i++) {
                GatewayResponseType type = GatewayResponseType.values()[number()];
                int status = number();
                gateway.put(type, new GatewayResponseDefinition(status == 0 ? null : status - 1, strings(),
                        templates("gateway response " + type)));
            }
            List<String> binaryMediaTypes = new ArrayList<>();
            for (int i = count(); i > 0; i--) {
                binaryMediaTypes.add(string());
            }
            if (at != bytes.length) {
                throw new FormatException("compact route table has " + (bytes.length - at) + " bytes left over", null);
            }
            return new RouteTable(source, new RouteMatcher(List.of(routes)),
                    gateway.isEmpty() ? Map.of() : Collections.unmodifiableMap(gateway), List.copyOf(binaryMediaTypes));
        }

        private Route route() {
            String path = string();
            String method = string();
            // The build checked every template; a checked one keeps no location, so none is made per route.
            String name = path;
            String operationId = string();
            int parameterCount = count();
            List<MethodParameter> parameters;
            if (parameterCount == 0) {
                parameters = List.of();
            } else {
                MethodParameter[] declared = new MethodParameter[parameterCount];
                for (int i = 0; i < parameterCount; i++) {
                    declared[i] = new MethodParameter(MethodParameter.Location.values()[number()], string(), flag());
                }
                parameters = List.of(declared);
            }
            RequestValidator validator = null;
            if (flag()) {
                boolean parametersChecked = flag();
                boolean bodyChecked = flag();
                String schema = string();
                validator = new RequestValidator(parametersChecked, bodyChecked, schema == null ? null : tree(schema));
            }
            IntegrationType type = IntegrationType.values()[number()];
            String uri = string();
            String httpMethod = string();
            Map<String, String> requestParameters = strings();
            Map<String, MappingTemplate> requestTemplates = templates(name);
            PassthroughBehavior passthrough = PassthroughBehavior.values()[number()];
            ContentHandling contentHandling = ContentHandling.values()[number()];
            int timeout = number();
            int responseCount = count();
            IntegrationResponseDefinition[] responses = new IntegrationResponseDefinition[responseCount];
            for (int i = 0; i < responseCount; i++) {
                String key = string();
                Pattern pattern = flag() ? patterns.computeIfAbsent(key, Pattern::compile) : null;
                responses[i] = new IntegrationResponseDefinition(key, pattern, number(), strings(), templates(name),
                        ContentHandling.values()[number()]);
            }
            String credentials = string();
            boolean insecure = flag();
            String payloadFormatVersion = string();
            IntegrationDefinition integration = new IntegrationDefinition(type, uri, httpMethod, requestParameters,
                    requestTemplates, passthrough, contentHandling, timeout, List.of(responses), credentials, insecure,
                    payloadFormatVersion);
            return new Route(path, method, operationId, parameters, validator, integration, AccessControl.OPEN);
        }

        private static JsonNode tree(String json) {
            try {
                return Json.MAPPER.readTree(json);
            } catch (JsonProcessingException e) {
                throw new FormatException("a body schema is not JSON", e);
            }
        }

        private Map<String, String> strings() {
            int size = count();
            if (size == 0) {
                return Collections.emptyMap();
            }
            if (size == 1) {
                return Collections.singletonMap(string(), string());
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                map.put(string(), string());
            }
            return Collections.unmodifiableMap(map);
        }

        private Map<String, MappingTemplate> templates(String location) {
            int size = count();
            if (size == 0) {
                return Collections.emptyMap();
            }
            if (size == 1) {
                return Collections.singletonMap(string(), templates.checked(location, string()));
            }
            Map<String, MappingTemplate> map = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                map.put(string(), templates.checked(location, string()));
            }
            return Collections.unmodifiableMap(map);
        }

        private String string() {
            int index = number();
            return index == 0 ? null : strings[index - 1];
        }

        private boolean flag() {
            return switch (bytes[at++]) {
                case 0 -> false;
                case 1 -> true;
                default -> throw new FormatException("a flag is neither 0 nor 1 at byte " + (at - 1), null);
            };
        }

        /** A count of things that follow: each takes at least a byte, so no count passes the bytes left. */
        private int count() {
            int n = number();
            if (n > bytes.length - at) {
                throw new FormatException("a count of " + n + " at byte " + at + " passes the end", null);
            }
            return n;
        }

        private int number() {
            int n = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                byte b = bytes[at++];
                n |= (b & 0x7f) << shift;
                if (b >= 0) {
                    return n;
                }
            }
            throw new FormatException("a number runs past five bytes at byte " + at, null);
        }
    }
}
