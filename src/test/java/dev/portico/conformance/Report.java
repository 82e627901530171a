package dev.portico.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CONFORMANCE.md: the score line the ratchet reads, a table per area and each failing case with its reason. */
final class Report {
    private static final Pattern SCORE = Pattern.compile("(?m)^Score: (\\d+)/(\\d+)\\s*$");

    private Report() {}

    static String scoreLine(long passed, int total) {
        return "Score: " + passed + "/" + total;
    }

    /** The recorded score in a report, if it has a score line. */
    static OptionalInt readScore(Path report) throws IOException {
        if (!Files.exists(report)) {
            return OptionalInt.empty();
        }
        Matcher score = SCORE.matcher(Files.readString(report));
        return score.find() ? OptionalInt.of(Integer.parseInt(score.group(1))) : OptionalInt.empty();
    }

    static String render(List<CaseResult> results, String command) {
        return render(results, command, Map.of());
    }

    /** @param sources each area's sources: recorded snapshot files and documentation pages */
    static String render(List<CaseResult> results, String command, Map<Area, ? extends java.util.Collection<String>> sources) {
        long passed = results.stream().filter(CaseResult::passed).count();
        StringBuilder md = new StringBuilder();
        md.append("# API Gateway conformance\n\n");
        md.append(scoreLine(passed, results.size())).append("\n\n");
        md.append("Produced by `").append(command).append("` from the cases in ")
                .append("[`src/test/resources/conformance/cases`](src/test/resources/conformance/README.md), each ")
                .append("recorded on AWS or fixed by AWS's documentation, and naming its source. ")
                .append("Each case runs through the ALB single-value, ALB multi-value, REST v1 and HTTP API v2 ")
                .append("event formats (ALB-only cases through ALB alone); a case passes when all its runs pass. ")
                .append("`.ci/conformance` fails when the score falls below the one recorded here: after ")
                .append("improving it, regenerate this file with `bash .ci/conformance --write-report`.\n\n");
        md.append("Areas are assigned by case id prefix (see `dev.portico.conformance.Area`). ")
                .append("Run labels: `alb`, `alb-mv`, `v1`, `v2`.\n\n");

        Map<Area, int[]> byArea = new EnumMap<>(Area.class);
        for (CaseResult result : results) {
            int[] counts = byArea.computeIfAbsent(result.area(), a -> new int[2]);
            counts[0] += result.passed() ? 1 : 0;
            counts[1]++;
        }
        md.append("## By area\n\n| area | passed | cases |\n| --- | ---: | ---: |\n");
        byArea.forEach((area, counts) -> md.append("| ").append(area.title()).append(" | ").append(counts[0])
                .append(" | ").append(counts[1]).append(" |\n"));

        if (!sources.isEmpty()) {
            md.append("\n## Sources by area\n");
            sources.forEach((area, where) -> {
                md.append("\n### ").append(area.title()).append("\n\n");
                where.forEach(source -> md.append("- ").append(source).append('\n'));
            });
        }

        md.append("\n## Failing cases\n");
        for (Area area : byArea.keySet()) {
            List<CaseResult> failing = results.stream().filter(r -> r.area() == area && !r.passed()).toList();
            if (failing.isEmpty()) {
                continue;
            }
            md.append("\n### ").append(area.title()).append("\n\n");
            failing.forEach(r -> md.append("- `").append(r.id()).append("`: ")
                    .append(r.reason()).append('\n'));
        }
        return md.toString();
    }
}
