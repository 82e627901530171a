package dev.portico.tools.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JUnit XML, the report format CI systems read (GitHub Actions, GitLab, Jenkins): one {@code testsuite} per case
 * file, one {@code testcase} per case and caller format, a {@code failure} with what differed.
 */
final class JunitReport {
    private JunitReport() {}

    static void write(Path file, List<TestCommand.Result> results) {
        Map<String, List<TestCommand.Result>> suites = new LinkedHashMap<>();
        results.forEach(result -> suites.computeIfAbsent(result.file(), key -> new java.util.ArrayList<>()).add(result));
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long failures = results.stream().filter(result -> !result.passed()).count();
        xml.append("<testsuites name=\"portico test\" tests=\"").append(results.size()).append("\" failures=\"")
                .append(failures).append("\">\n");
        suites.forEach((name, cases) -> {
            xml.append("  <testsuite name=\"").append(escape(name)).append("\" tests=\"").append(cases.size())
                    .append("\" failures=\"").append(cases.stream().filter(c -> !c.passed()).count())
                    .append("\" errors=\"0\" skipped=\"0\" time=\"").append(seconds(cases.stream()
                            .mapToDouble(TestCommand.Result::seconds).sum())).append("\">\n");
            for (TestCommand.Result result : cases) {
                xml.append("    <testcase classname=\"").append(escape(name)).append("\" name=\"")
                        .append(escape(result.name() + " [" + result.format() + "]")).append("\" time=\"")
                        .append(seconds(result.seconds())).append('"');
                if (result.passed()) {
                    xml.append("/>\n");
                } else {
                    String detail = String.join("\n", result.failures());
                    xml.append(">\n      <failure message=\"").append(escape(result.failures().get(0).lines()
                            .findFirst().orElse(""))).append("\">").append(escape(detail)).append("</failure>\n")
                            .append("    </testcase>\n");
                }
            }
            xml.append("  </testsuite>\n");
        });
        xml.append("</testsuites>\n");
        try {
            Files.writeString(file, xml);
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    /** XML text and attribute values; characters XML 1.0 cannot hold become U+FFFD. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
