package dev.portico.tools.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one argument parser of every {@code ./portico} command: {@code --name value} or {@code --name=value} options,
 * {@code --flag} switches, positional arguments, and {@code --} to end the options. Each command states what it
 * takes in a {@link Spec}; anything else is a {@link UserError}.
 *
 * @param options    option name (without dashes) -> every value given, in order
 * @param flags      the switches given
 * @param positional everything else, in order
 */
record CommandLine(Map<String, List<String>> options, Set<String> flags, List<String> positional) {

    /**
     * What one command accepts.
     *
     * @param usage  the usage text, printed by {@code --help}; its first line is the synopsis
     * @param valued options that take a value (those in {@code repeated} may be given more than once)
     * @param flags  options without a value
     */
    record Spec(String usage, Set<String> valued, Set<String> repeated, Set<String> flags) {
        String synopsis() {
            return usage.lines().findFirst().orElse("");
        }
    }

    /** {@code --help} or {@code -h} was given: the command prints its usage and exits 0. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(null, null, false, false);
        }
    }

    /**
     * @throws HelpRequested for {@code --help}
     * @throws UserError     for an unknown option, a missing value, or an option given twice that may not be
     */
    static CommandLine parse(String[] args, Spec spec) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        Set<String> flags = new java.util.LinkedHashSet<>();
        List<String> positional = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new HelpRequested();
            }
            if (!arg.startsWith("--")) {
                throw new UserError("unknown option " + arg);
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (spec.flags().contains(name)) {
                if (value != null) {
                    throw new UserError("--" + name + " takes no value");
                }
                flags.add(name);
            } else if (spec.valued().contains(name) || spec.repeated().contains(name)) {
                if (value == null) {
                    if (i + 1 == args.length) {
                        throw new UserError("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                List<String> values = options.computeIfAbsent(name, key -> new ArrayList<>());
                if (!values.isEmpty() && !spec.repeated().contains(name)) {
                    throw new UserError("--" + name + " is given twice");
                }
                values.add(value);
            } else {
                throw new UserError("unknown option --" + name);
            }
        }
        return new CommandLine(options, flags, List.copyOf(positional));
    }

    /** The option's value, or null when it was not given. */
    String option(String name) {
        List<String> values = options.get(name);
        return values == null ? null : values.get(0);
    }

    /** Every value of a repeatable option, in order. */
    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    /** The positional arguments, when there are exactly {@code count} of them. */
    List<String> positional(int count, String what) {
        if (positional.size() != count) {
            throw new UserError(positional.size() < count ? "missing " + what
                    : "unexpected argument " + positional.get(count));
        }
        return positional;
    }
}
