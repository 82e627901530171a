package dev.portico.tools.cli;

import dev.portico.config.Configuration;
import dev.portico.config.PorticoConfig;
import dev.portico.event.EventDecoder;
import dev.portico.route.IntegrationType;
import dev.portico.route.PathTemplate;
import dev.portico.route.Route;
import dev.portico.route.RouteMatch;
import dev.portico.route.RouteMatcher;
import dev.portico.route.RouteTable;
import dev.portico.tools.callers.CallerEvents;
import dev.portico.tools.callers.ClientRequest;
import dev.portico.tools.callers.EventFormat;
import dev.portico.tools.callers.HeaderList;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code explain [--routes FILE] METHOD PATH}: which route a request reaches and why, step by step as the matcher
 * searches; or why none does, with the nearest resources and what the caller gets (API Gateway's 403 "Missing
 * Authentication Token", the answer to a request for a method or resource the API does not have).
 */
final class ExplainCommand {
    static final CommandLine.Spec SPEC = new CommandLine.Spec("""
            usage: explain [--routes FILE] [--enforced-upstream NAMES] METHOD PATH
              Says which route METHOD PATH matches and why: each segment, the resource it reached and the
              precedence rule that decided (a literal segment before {param} before {greedy+}, a resource's own
              method before its ANY, backing up when a branch has no route for the method). When none matches:
              the methods the path has, a case or slash difference, the nearest resources, and the answer the
              caller gets (403 Missing Authentication Token unless the table customises it). A matched MOCK route
              is run to show its answer; other integrations are named, not called. FILE defaults to
              PORTICO_ROUTES, else the bundled example. Exit status 0 when a route matches, 1 when none does.""",
            Set.of(Cli.ROUTES, Cli.ENFORCED_UPSTREAM, Cli.PROJECT), Set.of(), Set.of());

    /** Why API Gateway answers 403 "Missing Authentication Token" to a request it has no resource or method for. */
    static final String MISSING_TOKEN_SOURCE =
            "https://repost.aws/knowledge-center/api-gateway-authentication-token-errors";

    private ExplainCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run("explain", SPEC, args, out, err, line -> {
            List<String> positional = line.positional(2, "METHOD and PATH");
            String method = positional.get(0).toUpperCase(Locale.ROOT);
            String target = positional.get(1);
            if (!target.startsWith("/")) {
                throw new UserError("PATH must start with /, not " + target);
            }
            int question = target.indexOf('?');
            String rawPath = question < 0 ? target : target.substring(0, question);
            String rawQuery = question < 0 ? "" : target.substring(question + 1);
            PorticoConfig config = Cli.config();
            RouteTable table = Cli.load(Cli.routes(line, config), Cli.loader(line, config));
            ClientRequest request = new ClientRequest(method, rawPath, rawQuery, new HeaderList(), null, "127.0.0.1");
            // routed as the function routes: percent-decoded, leading slashes collapsed
            String path = new EventDecoder().decode(CallerEvents.build(EventFormat.ALB, request, "prod", "explain"))
                    .routingPath();
            RouteMatcher.Explanation explained = table.matcher().explain(method, path);
            out.println(method + " " + rawPath + (path.equals(rawPath) ? "" : " (routed as " + path + ")"));
            explained.steps().forEach(step -> out.println("  " + step));
            Optional<RouteMatch> match = explained.match();
            if (match.isPresent()) {
                Route route = match.get().route();
                out.println("matched: " + route.name() + parameters(match.get().pathParameters()));
                String uri = route.integration().uri();
                out.println("integration: " + route.integration().type() + (uri == null ? "" : " " + uri));
                if (route.integration().type() == IntegrationType.MOCK) {
                    printAnswer(out, table, config, request);
                } else {
                    out.println("(the integration is not called; ./portico render shows what it would be sent)");
                }
                return 0;
            }
            out.println("no route matches " + method + " " + path);
            hints(table, method, path).forEach(hint -> out.println("  " + hint));
            printAnswer(out, table, config, request);
            out.println("(API Gateway gives this answer to a request for a resource or method the API does not have: "
                    + MISSING_TOKEN_SOURCE + ")");
            return 1;
        });
    }

    private static String parameters(Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        parameters.forEach((name, value) -> pairs.add(name + "=" + value));
        return " (" + String.join(", ", pairs) + ")";
    }

    private static void printAnswer(PrintStream out, RouteTable table, PorticoConfig config, ClientRequest request) {
        try (StubBackends stubs = new StubBackends()) {
            Workbench.Outcome outcome = Workbench.run(table, Configuration.settings(config), Map.of(), stubs, request,
                    EventFormat.ALB);
            out.println("the caller gets: " + outcome.answer().status() + " " + outcome.answer().bodyText());
            outcome.answer().headers().entries().stream()
                    .filter(header -> !header.getKey().equalsIgnoreCase("x-amzn-RequestId")
                            && !header.getKey().equalsIgnoreCase("x-amz-apigw-id"))
                    .forEach(header -> out.println("  " + header.getKey() + ": " + header.getValue()));
        }
    }

    /** What is near a request that no route matches. */
    static List<String> hints(RouteTable table, String method, String path) {
        List<String> hints = new ArrayList<>();
        RouteMatcher matcher = table.matcher();
        Set<String> methods = new TreeSet<>();
        for (Route route : table.routes()) {
            methods.add(route.method());
        }
        List<String> others = new ArrayList<>();
        for (String other : methods) {
            if (!other.equals(method) && !other.equals(Route.ANY)) {
                matcher.match(other, path).ifPresent(m -> others.add(other + " (" + m.route().name() + ")"));
            }
        }
        if (!others.isEmpty()) {
            hints.add("the path has other methods: " + String.join(", ", others) + "; " + method
                    + " is not declared and no ANY covers it");
        }
        String collapsed = path.replaceAll("/{2,}", "/");
        String trimmed = collapsed.length() > 1 ? collapsed.replaceAll("/+$", "") : collapsed;
        if (!trimmed.equals(path) && !trimmed.isEmpty()) {
            matcher.match(method, trimmed).ifPresent(m -> hints.add("without the extra slashes, " + trimmed
                    + " matches " + m.route().name() + ": an empty segment ('//') matches no resource"));
        }
        List<Route> lowered = table.routes().stream().map(route -> new Route(route.resourcePath().toLowerCase(Locale.ROOT),
                route.method(), route.operationId(), route.parameters(), route.validator(), route.integration(),
                route.access())).toList();
        new RouteMatcher(lowered).match(method, trimmed.toLowerCase(Locale.ROOT)).ifPresent(m -> {
            Route original = table.routes().get(lowered.indexOf(m.route()));
            hints.add("differs only in case from " + original.name() + ": paths are case-sensitive");
        });
        if (path.equals("/") && table.routes().stream().anyMatch(route -> route.resourcePath().matches("/\\{[^/]+\\+}"))) {
            hints.add("a {proxy+} resource never matches the root resource /: declare " + method + " (or ANY) on / too");
        }
        List<String> nearest = nearest(table, method, path);
        if (!nearest.isEmpty()) {
            hints.add("nearest resources with " + method + " or ANY: " + String.join(", ", nearest));
        }
        return hints;
    }

    /** Up to three routes for the method (or ANY) whose paths share the most leading segments with the request's. */
    private static List<String> nearest(RouteTable table, String method, String path) {
        String[] segments = PathTemplate.segments(path);
        record Scored(Route route, int score) {}
        return table.routes().stream()
                .filter(route -> route.method().equals(method) || route.method().equals(Route.ANY))
                .map(route -> new Scored(route, shared(PathTemplate.segments(route.resourcePath()), segments)))
                .sorted(Comparator.comparingInt(Scored::score).reversed()
                        .thenComparing(scored -> scored.route().resourcePath()))
                .limit(3)
                .map(scored -> scored.route().name())
                .toList();
    }

    private static int shared(String[] template, String[] segments) {
        int count = 0;
        for (int i = 0; i < Math.min(template.length, segments.length); i++) {
            if (!template[i].equals(segments[i]) && !PathTemplate.isParam(template[i])) {
                break;
            }
            count++;
        }
        return count - Math.abs(template.length - segments.length);
    }
}
