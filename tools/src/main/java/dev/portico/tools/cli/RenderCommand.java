package dev.portico.tools.cli;

import dev.portico.config.Configuration;
import dev.portico.config.PorticoConfig;
import dev.portico.event.EventDecoder;
import dev.portico.event.OutgoingResponse;
import dev.portico.gateway.Rehearsal;
import dev.portico.invocation.IntegrationRequest;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.IntegrationType;
import dev.portico.route.Route;
import dev.portico.route.RouteMatch;
import dev.portico.route.RouteTable;
import dev.portico.tools.callers.Answer;
import dev.portico.tools.callers.CallerEvents;
import dev.portico.tools.callers.ClientRequest;
import dev.portico.tools.callers.EventFormat;
import dev.portico.tools.callers.HeaderList;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code render [options] METHOD PATH}: one request through the function's own stages, showing the integration
 * request as the backend receives it (method, URI, headers, body) and the method response the route's integration
 * response makes of a given backend answer. The backend is a stub on 127.0.0.1 ({@link StubBackends}); nothing is
 * sent anywhere else. A template that fails is named with its line and column.
 */
final class RenderCommand {
    static final String BACKEND_STATUS = "backend-status";
    static final String BACKEND_HEADER = "backend-header";
    static final String BACKEND_BODY = "backend-body";
    static final String BACKEND_ERROR = "backend-error";

    static final CommandLine.Spec SPEC = new CommandLine.Spec("""
            usage: render [--routes FILE] [--header 'NAME: VALUE']... [--body TEXT | --body-file FILE]
                          [--stage-variable NAME=VALUE]... [--format alb|alb-multi|v1|v2] [--backend-status N]
                          [--backend-header 'NAME: VALUE']... [--backend-body TEXT] [--backend-error TYPE]
                          METHOD PATH[?QUERY]
              Runs one request through the route it matches, with the function's own code, and prints the
              integration request as the backend would receive it (method, URI, headers, body; for MOCK the
              rendered request template) and the method response made from the backend's answer (the response
              template, parameters and status). The backend is a stub on 127.0.0.1 that answers --backend-status
              (200), --backend-header and --backend-body ({} for HTTP and AWS; for a Lambda proxy
              {"statusCode": 200, "body": ""}, the function's return value); --backend-error TYPE makes a
              Lambda function raise --backend-body as its error. A template that fails is named with its line and
              column. Exit status 0 when the request reaches the method response, 1 when a stage fails.""",
            Set.of(Cli.ROUTES, Cli.ENFORCED_UPSTREAM, Cli.PROJECT, "body", "body-file", "format", BACKEND_STATUS,
                    BACKEND_BODY, BACKEND_ERROR),
            Set.of("header", "stage-variable", BACKEND_HEADER), Set.of());

    private RenderCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run("render", SPEC, args, out, err, line -> {
            List<String> positional = line.positional(2, "METHOD and PATH");
            PorticoConfig config = Cli.config();
            RouteTable table = Cli.load(Cli.routes(line, config), Cli.loader(line, config));
            EventFormat format;
            try {
                format = EventFormat.fromName(line.option("format") == null ? "alb" : line.option("format"));
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            ClientRequest request = request(positional.get(0), positional.get(1), line.all("header"), body(line));
            Map<String, String> stageVariables = pairs(line.all("stage-variable"), "=", "--stage-variable");
            PorticoSettings settings = Configuration.settings(config);
            try (StubBackends stubs = new StubBackends()) {
                Map<String, String> variables = new LinkedHashMap<>(settings.stageVariables());
                variables.putAll(stageVariables);
                routeFor(table, request).ifPresent(match -> stub(stubs, match.route(), variables, line));
                Workbench.Outcome outcome = Workbench.run(table, settings, stageVariables, stubs, request, format);
                return print(out, outcome);
            }
        });
    }

    /** A request from the command line: {@code PATH[?QUERY]}, {@code NAME: VALUE} headers. */
    static ClientRequest request(String method, String target, List<String> headerLines, byte[] body) {
        if (!target.startsWith("/")) {
            throw new UserError("PATH must start with /, not " + target);
        }
        int question = target.indexOf('?');
        HeaderList headers = new HeaderList();
        pairs(headerLines, ":", "--header").forEach(headers::add);
        if (body != null && !headers.has("Content-Type")) {
            headers.add("Content-Type", "application/json");
        }
        return new ClientRequest(method.toUpperCase(Locale.ROOT), question < 0 ? target : target.substring(0, question),
                question < 0 ? "" : target.substring(question + 1), headers, body, "127.0.0.1");
    }

    private static byte[] body(CommandLine line) {
        if (line.option("body") != null && line.option("body-file") != null) {
            throw new UserError("--body and --body-file are given together");
        }
        if (line.option("body-file") != null) {
            return Cli.read(Path.of(line.option("body-file")));
        }
        return line.option("body") == null ? null : line.option("body").getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, String> pairs(List<String> values, String separator, String option) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String value : values) {
            int at = value.indexOf(separator);
            if (at <= 0) {
                throw new UserError(option + " is NAME" + separator + "VALUE, not " + value);
            }
            pairs.put(value.substring(0, at).strip(), value.substring(at + 1).strip());
        }
        return pairs;
    }

    /** The route the function would pick for the request, if any. */
    static Optional<RouteMatch> routeFor(RouteTable table, ClientRequest request) {
        String path = new EventDecoder().decode(CallerEvents.build(EventFormat.ALB, request, "prod", "render"))
                .routingPath();
        return table.match(request.method(), path);
    }

    /** Stubs whatever the route calls with the answer the command line gives. */
    private static void stub(StubBackends stubs, Route route, Map<String, String> stageVariables, CommandLine line) {
        IntegrationType type = route.integration().type();
        String status = line.option(BACKEND_STATUS);
        int code;
        try {
            code = status == null ? 200 : Integer.parseInt(status);
        } catch (NumberFormatException e) {
            throw new UserError("--backend-status is not a number");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        pairs(line.all(BACKEND_HEADER), ":", "--backend-header").forEach((name, value) ->
                headers.computeIfAbsent(name, key -> new java.util.ArrayList<>()).add(value));
        String body = line.option(BACKEND_BODY);
        switch (type) {
            case HTTP, HTTP_PROXY -> {
                headers.putIfAbsent("Content-Type", List.of("application/json"));
                String origin = Targets.origin(route, stageVariables);
                if (origin != null) {
                    stubs.http(origin, new StubBackends.Answer(code, headers,
                            (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8)));
                }
            }
            case AWS, AWS_PROXY -> {
                String function = Targets.lambdaFunction(route, stageVariables);
                if (function != null) {
                    String returned = body != null ? body : type == IntegrationType.AWS_PROXY
                            ? "{\"statusCode\": 200, \"body\": \"\"}" : "{}";
                    stubs.lambda(function, returned.getBytes(StandardCharsets.UTF_8), line.option(BACKEND_ERROR));
                } else {
                    String service = Targets.service(route, stageVariables);
                    if (service != null) {
                        headers.putIfAbsent("Content-Type", List.of("application/json"));
                        stubs.aws(service, new StubBackends.Answer(code, headers,
                                (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
            default -> { }
        }
    }

    private static int print(PrintStream out, Workbench.Outcome outcome) {
        Rehearsal rehearsal = outcome.rehearsal();
        RouteMatch match = rehearsal.match();
        if (match == null) {
            out.println("no route matches (./portico explain says why)");
        } else {
            out.println("route: " + match.route().name() + (match.pathParameters().isEmpty() ? ""
                    : " " + match.pathParameters()));
            IntegrationType type = match.route().integration().type();
            IntegrationRequest mapped = rehearsal.integrationRequest();
            if (!outcome.received().isEmpty()) {
                for (StubBackends.Received received : outcome.received()) {
                    out.println();
                    out.println("integration request (" + type + ", as " + received.backend() + " receives it):");
                    if (received.backend().startsWith("lambda:")) {
                        out.println("Invoke " + received.target());
                    } else {
                        out.println(received.method() + " " + received.target());
                        received.headers().forEach(header -> out.println(header.getKey() + ": " + header.getValue()));
                    }
                    out.println();
                    out.println(StubBackends.text(received.body()));
                }
            } else if (mapped != null) {
                out.println();
                out.println("integration request (" + type + (type == IntegrationType.MOCK
                        ? ", the request template's output" : ", not sent") + "):");
                out.print(StubBackends.lines(mapped.headers()));
                mapped.query().forEach((name, values) -> out.println("query " + name + "=" + String.join(",", values)));
                mapped.pathParameters().forEach((name, value) -> out.println("path " + name + "=" + value));
                out.println();
                out.println(StubBackends.text(mapped.body()));
            }
            if (rehearsal.endpoint() != null) {
                out.println();
                out.println("the endpoint answered " + rehearsal.endpoint().status()
                        + (rehearsal.endpoint().errorMessage() == null || rehearsal.endpoint().errorMessage().isEmpty()
                        ? "" : ", errorMessage " + rehearsal.endpoint().errorMessage()));
            }
            OutgoingResponse method = rehearsal.methodResponse();
            if (method != null) {
                out.println();
                out.println("method response:");
                out.println(method.status());
                out.print(StubBackends.lines(method.headers()));
                out.println();
                out.println(StubBackends.text(method.body()));
            }
        }
        if (rehearsal.error() != null) {
            out.println();
            out.println("error: " + rehearsal.error().type() + ": " + rehearsal.error().logDetail());
            out.println("the caller gets: " + outcome.answer().status() + " " + outcome.answer().bodyText());
            return 1;
        }
        return match == null ? 1 : 0;
    }
}
