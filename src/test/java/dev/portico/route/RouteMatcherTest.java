package dev.portico.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteMatcherTest {

    private static final RouteMatcher PETS = matcher(
            "GET /", "GET /pets", "POST /pets", "GET /pets/{id}", "ANY /pets/{id}", "GET /pets/mine",
            "GET /a/b/c", "GET /a/{x}/d", "GET /files/{proxy+}", "GET /files/{folder}/index",
            "OPTIONS /{proxy+}", "GET /{first}/{second}/x/{rest+}");

    /** request -> route name and captured parameters ({@code -} for no match). */
    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "GET     | /                | GET /                | ",
            "GET     | /pets            | GET /pets            | ",
            "GET     | /pets/           | GET /pets            | ",
            "POST    | /pets            | POST /pets           | ",
            "GET     | /PETS            | -                    | ",
            "DELETE  | /pets            | -                    | ",
            "GET     | /pets/mine       | GET /pets/mine       | ",
            "POST    | /pets/mine       | ANY /pets/{id}       | id=mine",
            "GET     | /pets/Mine       | GET /pets/{id}       | id=Mine",
            "GET     | /pets/7          | GET /pets/{id}       | id=7",
            "GET     | /pets/7/         | GET /pets/{id}       | id=7",
            "GET     | /pets/a b%2F     | GET /pets/{id}       | id=a b%2F",
            "DELETE  | /pets/7          | ANY /pets/{id}       | id=7",
            "HEAD    | /pets            | -                    | ",
            "HEAD    | /pets/7          | ANY /pets/{id}       | id=7",
            "GET     | /pets/7/toys     | -                    | ",
            "GET     | /a/b/c           | GET /a/b/c           | ",
            "GET     | /a/b/d           | GET /a/{x}/d         | x=b",
            "GET     | /a/b             | -                    | ",
            "GET     | /files           | -                    | ",
            "GET     | /files/          | -                    | ",
            "GET     | /files/a         | GET /files/{proxy+}  | proxy=a",
            "GET     | /files/a/b/c.txt | GET /files/{proxy+}  | proxy=a/b/c.txt",
            "GET     | /files/a/index   | GET /files/{folder}/index | folder=a",
            "GET     | /files/a/index/2 | GET /files/{proxy+}  | proxy=a/index/2",
            "OPTIONS | /                | -                    | ",
            "OPTIONS | /pets            | OPTIONS /{proxy+}    | proxy=pets",
            "OPTIONS | /pets/7/toys     | OPTIONS /{proxy+}    | proxy=pets/7/toys",
            "GET     | /p/q/x/r/s       | GET /{first}/{second}/x/{rest+} | first=p;second=q;rest=r/s",
            "GET     | /p/q/x           | -                    | ",
            "GET     | /nothing/here    | -                    | ",
            "GET     | //pets           | -                    | ",
    })
    void precedence(String method, String path, String expected, String parameters) {
        assertMatch(PETS, method, path, expected, parameters);
        RouteMatcher.Explanation explained = PETS.explain(method, path);
        assertEquals(PETS.match(method, path), explained.match(), "explain agrees with match for " + method + " " + path);
        assertTrue(!explained.steps().isEmpty() || path.equals("/") && !explained.match().isPresent(),
                explained.steps().toString());
    }

    @org.junit.jupiter.api.Test
    void explainNamesEachStepAndTheRuleThatDecided() {
        List<String> steps = PETS.explain("POST", "/pets/mine").steps();
        assertEquals(List.of(
                "segment 1 'pets': the literal /pets (a literal segment before {param} before {greedy+})",
                "segment 2 'mine': the literal /pets/mine (a literal segment before {param} before {greedy+})",
                "at /pets/mine: no POST and no ANY (declared: GET), so the search backs up",
                "segment 2 'mine': /pets/{id} takes it (the literal branch has no route for POST)",
                "at /pets/{id}: no POST of its own, so its ANY answers"), steps);
        List<String> greedy = PETS.explain("GET", "/files/a/b").steps();
        assertTrue(greedy.contains("/files/{proxy+} takes the rest, 'a/b' (a {greedy+} matches one or more segments, "
                + "only when nothing more specific has a route)"), greedy.toString());
    }

    /** Conformance cases routing-greedy-sibling-* (recorded on AWS). */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "POST    | /test     | POST /test        | ",
            "OPTIONS | /test     | OPTIONS /{proxy+} | proxy=test",
            "GET     | /test/any | ANY /test/any     | ",
            "OPTIONS | /test/any | ANY /test/any     | ",
            "GET     | /test     | -                 | ",
    })
    void resourceWithoutTheMethodFallsThroughToAGreedySibling(String method, String path, String expected,
                                                              String parameters) {
        assertMatch(matcher("POST /test", "ANY /test/any", "OPTIONS /{proxy+}"), method, path, expected, parameters);
    }

    /** Conformance cases routing-static-beats-greedy-part1* (recorded on AWS); declaration order does not matter. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/part1                | GET /part1                | ",
            "/part1/hardcoded-value | GET /part1/hardcoded-value | ",
            "/part1/random-value   | GET /{param+}             | param=part1/random-value",
            "/other                | GET /{param+}             | param=other",
            "/                     | -                         | ",
    })
    void staticBeatsGreedyAndBacktracks(String path, String expected, String parameters) {
        for (RouteMatcher matcher : List.of(
                matcher("GET /part1", "GET /{param+}", "GET /part1/hardcoded-value"),
                matcher("GET /{param+}", "GET /part1/hardcoded-value", "GET /part1"))) {
            assertMatch(matcher, "GET", path, expected, parameters);
        }
    }

    private static void assertMatch(RouteMatcher matcher, String method, String path, String expected,
                                    String parameters) {
        Optional<RouteMatch> match = matcher.match(method, path);
        if (expected.equals("-")) {
            assertTrue(match.isEmpty(), () -> "expected no match, got " + match.get().route().name());
            return;
        }
        assertTrue(match.isPresent(), () -> "expected " + expected + ", got no match");
        assertEquals(expected, match.get().route().name());
        assertEquals(parameters(parameters), match.get().pathParameters());
    }

    private static Map<String, String> parameters(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text != null) {
            for (String pair : text.split(";")) {
                values.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return values;
    }

    static RouteMatcher matcher(String... names) {
        return new RouteMatcher(Arrays.stream(names).map(RouteMatcherTest::route).toList());
    }

    static Route route(String name) {
        String[] parts = name.split(" ", 2);
        return new Route(parts[1], parts[0], null, List.of(), null, null);
    }
}
