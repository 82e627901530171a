package dev.portico.tools.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ./portico COMMAND ...}: the developer commands. Each takes {@code --help}; a user error prints one line and
 * exits 2.
 */
public final class Main {
    /** A command: its arguments and the streams to print on, to its exit status. */
    @FunctionalInterface
    interface Command {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();
    private static final Map<String, CommandLine.Spec> SPECS = new LinkedHashMap<>();

    static {
        add("serve", ServeCommand::run, ServeCommand.SPEC);
        add("routes", RoutesCommand::run, RoutesCommand.SPEC);
        add("check", CheckCommand::run, CheckCommand.SPEC);
        add("policy", PolicyCommand::run, PolicyCommand.SPEC);
        add("explain", ExplainCommand::run, ExplainCommand.SPEC);
        add("render", RenderCommand::run, RenderCommand.SPEC);
        add("test", TestCommand::run, TestCommand.SPEC);
        add("invoke", InvokeCommand::run, InvokeCommand.SPEC);
        add("dynamodb", DynamoDbCommand::run, DynamoDbCommand.SPEC);
        add("keys", KeysCommand::run, KeysCommand.SPEC);
        add("usage-plans", UsagePlansCommand::run, UsagePlansCommand.SPEC);
    }

    private static void add(String name, Command command, CommandLine.Spec spec) {
        COMMANDS.put(name, command);
        SPECS.put(name, spec);
    }

    private Main() {}

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        // serve keeps running on its server's threads; every other command is done
        if (status != 0 || args.length == 0 || !args[0].equals("serve")) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            (args.length == 0 ? err : out).println(usage());
            return args.length == 0 ? 2 : 0;
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            err.println("portico: unknown command " + args[0] + " (" + String.join(", ", COMMANDS.keySet()) + ")");
            return 2;
        }
        return command.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }

    static String usage() {
        StringBuilder usage = new StringBuilder("usage: ./portico COMMAND [--help] ...\n");
        SPECS.forEach((name, spec) -> usage.append("  ").append(spec.synopsis().replaceFirst("^usage: ", "")).append('\n'));
        return usage.append("Each command's --help says more.").toString();
    }
}
