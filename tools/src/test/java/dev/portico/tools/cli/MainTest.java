package dev.portico.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command's --help, and user errors: one line on stderr, exit status 2, never a stack trace. */
class MainTest {
    private record Result(int status, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "routes", "check", "policy", "invoke", "dynamodb"})
    void helpPrintsTheCommandsUsageAndExitsZero(String command) {
        Result help = run(command, "--help");
        assertEquals(0, help.status(), help.err());
        assertTrue(help.out().startsWith("usage: " + command + " "), help.out());
        assertEquals("", help.err());
    }

    @Test
    void theTopLevelHelpNamesEveryCommand() {
        Result help = run("--help");
        assertEquals(0, help.status());
        for (String command : List.of("serve", "routes", "check", "invoke", "dynamodb")) {
            assertTrue(help.out().contains("\n  " + command + " "), help.out());
        }
        assertEquals(2, run().status());
        assertEquals(2, run("deploy").status());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "invoke missing.json|portico invoke: no such file missing.json",
            "invoke|portico invoke: missing EVENT.json",
            "invoke --env NOEQUALS e.json|portico invoke: --env NOEQUALS is not NAME=VALUE",
            "check --bogus x.yaml|portico check: unknown option --bogus",
            "check a.yaml b.yaml|portico check: unexpected argument b.yaml",
            "routes --routes|portico routes: --routes needs a value",
            "routes --routes missing.yaml|portico routes: no such file missing.yaml",
            "policy --routes missing.yaml|portico policy: no such file missing.yaml",
            "serve --port many|portico serve: --port is not a number",
            "serve --format soap|portico serve: unknown format 'soap' (alb, alb-multi, v1 or v2)",
            "dynamodb|portico dynamodb: name a command",
            "dynamodb drop --table t|portico dynamodb: unknown command drop",
            "dynamodb rollback x --table t|portico dynamodb: not a version number: x",
            "dynamodb versions --table t --table u|portico dynamodb: --table is given twice"})
    void aUserErrorIsOneLineAndExitsTwo(String args, String message) {
        Result result = run(args.split(" "));
        assertEquals(2, result.status(), result.err());
        List<String> lines = result.err().lines().toList();
        assertEquals(1, lines.size(), result.err());
        assertTrue(lines.get(0).startsWith(message + " (usage: "), lines.get(0));
        assertFalse(result.err().contains("Exception"), result.err());
    }
}
