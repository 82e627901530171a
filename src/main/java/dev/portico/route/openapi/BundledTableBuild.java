package dev.portico.route.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.route.InvalidRouteTableException;
import dev.portico.route.RouteTable;
import dev.portico.template.TemplateCompiler;
import dev.portico.template.TemplateSyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The build step for the bundled table (run by the pom in {@code process-classes}, on {@code routes/api.yaml}):
 * checks every mapping template of the table with the function's own compiler, failing the build on a bad one
 * with a message naming the route, and writes the document as compact JSON ({@code routes/api.json}) with the
 * SHA-256 of those bytes beside it ({@code routes/api.json.checked}).
 *
 * <p>At start the function then reads JSON, not YAML (the YAML parser is never loaded), and trusts the templates
 * of exactly the bytes the build checked: it parses each one at its first render instead of all of them at start
 * ({@link RouteTableLoader#withTemplatesChecked()}). Everything that depends on the function's configuration (access
 * control enforced upstream, {@code ${AWS::Region}} and the other import variables, base path) is still checked at
 * start, as before, since the build cannot know it.
 *
 * <p>When the table's load depends on none of that (every route open, no import variable, no export base path),
 * the build also writes the loaded table itself ({@link CompactRouteTable}, {@code routes/api.routes}, with its
 * SHA-256 in {@code routes/api.routes.checked}): the start then reads the routes back with no document tree and
 * no check at all, every check having been made here on the same table.
 */
public final class BundledTableBuild {
    /** The suffix of the file holding the checked JSON's SHA-256, in hex. */
    public static final String CHECKED_SUFFIX = ".checked";
    /** The compact form's file name, beside the JSON ({@code routes/api.routes}). */
    public static final String COMPACT_NAME = "api.routes";

    private BundledTableBuild() {}

    /** usage: BundledTableBuild TABLE.yaml|json OUT.json */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: BundledTableBuild TABLE OUT.json");
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Built built = built(in.getFileName().toString(), Files.readAllBytes(in));
        Files.write(out, built.json());
        Files.writeString(out.resolveSibling(out.getFileName() + CHECKED_SUFFIX), digest(built.json()));
        Path compact = out.resolveSibling(COMPACT_NAME);
        Path compactDigest = out.resolveSibling(COMPACT_NAME + CHECKED_SUFFIX);
        if (built.compact() == null) {
            // The start loads the JSON and checks what depends on its configuration.
            Files.deleteIfExists(compact);
            Files.deleteIfExists(compactDigest);
            System.out.println("[portico] bundled table: no compact form (" + built.whyNotCompact()
                    + "); the start loads " + out.getFileName());
        } else {
            Files.write(compact, built.compact());
            Files.writeString(compactDigest, digest(built.compact()));
        }
    }

    /**
     * What the build writes.
     *
     * @param json          the document as compact JSON
     * @param compact       the loaded table's compact form ({@link CompactRouteTable}), or null when its load
     *                      depends on the function's configuration (or fails here) and the start must load the JSON
     * @param whyNotCompact why there is no compact form, or null
     */
    record Built(byte[] json, byte[] compact, String whyNotCompact) {}

    /** @return the document as compact JSON */
    static byte[] build(String source, byte[] content) throws IOException {
        return built(source, content).json();
    }

    /**
     * @return the document as compact JSON
     * @throws InvalidRouteTableException when the document does not parse or a template does not compile
     */
    static Built built(String source, byte[] content) throws IOException {
        OpenApiDocument document = OpenApiDocument.parse(source, content);
        byte[] json = new ObjectMapper().writeValueAsBytes(document.root());
        List<String> bad = new ArrayList<>();
        TemplateCompiler real = RouteTables.compiler().forOneTable();
        TemplateCompiler checking = (location, text) -> {
            try {
                return real.compile(location, text);
            } catch (TemplateSyntaxException e) {
                bad.add(e.getMessage());
                throw e;
            }
        };
        RouteTable table = null;
        String whyNot = null;
        try {
            // Nothing enforced upstream, every import variable refused: a table that loads so depends on neither.
            table = new RouteTableLoader(checking).load(source, json);
        } catch (InvalidRouteTableException e) {
            // Problems other than templates may depend on the function's configuration; the start reports them.
            whyNot = "its load here fails, or depends on access control or import variables";
        }
        if (!bad.isEmpty()) {
            throw new InvalidRouteTableException("Invalid route table " + source + ":\n" + String.join("\n", bad));
        }
        if (table != null) {
            List<String> basePathProblems = new ArrayList<>();
            List<String> basePath = ExportBasePath.segments(document.root(), basePathProblems::add);
            whyNot = basePathProblems.isEmpty() ? CompactRouteTable.independentOfConfiguration(table, basePath)
                    : "its base path has a problem";
        }
        return new Built(json, whyNot == null ? CompactRouteTable.write(table) : null, whyNot);
    }

    /** The SHA-256 of the bytes, in lower-case hex, as the build writes it beside the JSON. */
    public static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
