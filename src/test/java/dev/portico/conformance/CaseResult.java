package dev.portico.conformance;

import dev.portico.tools.callers.EventFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of one case: one run per event format; the case passes when every run passes. */
record CaseResult(String id, Area area, List<Run> runs) {
    private static final int MAX_REASON = 300;

    /** One case x one event format; no mismatches means it passed. */
    record Run(EventFormat format, List<String> mismatches) {
        boolean passed() {
            return mismatches.isEmpty();
        }
    }

    /** A case that failed before any run could be made (bad case file, backend or gateway start-up). */
    static CaseResult failedEverywhere(String id, List<EventFormat> formats, String reason) {
        return new CaseResult(id, Area.of(id), formats.stream().map(f -> new Run(f, List.of(reason))).toList());
    }

    boolean passed() {
        return runs.stream().allMatch(Run::passed);
    }

    /**
     * One line: the first mismatch of each failing run, runs with the same first mismatch grouped, e.g.
     * {@code "alb,alb-mv,v1,v2: status 500, expected 200 (+2 more)"}.
     */
    String reason() {
        Map<String, List<String>> formatsByReason = new LinkedHashMap<>();
        for (Run run : runs) {
            if (!run.passed()) {
                String first = run.mismatches().get(0) + (run.mismatches().size() > 1
                        ? " (+" + (run.mismatches().size() - 1) + " more)" : "");
                formatsByReason.computeIfAbsent(first, r -> new ArrayList<>()).add(run.format().label());
            }
        }
        List<String> parts = new ArrayList<>();
        formatsByReason.forEach((reason, formats) -> parts.add(String.join(",", formats) + ": " + reason));
        String line = String.join(" | ", parts).replace('\n', ' ');
        return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON - 3) + "...";
    }
}
