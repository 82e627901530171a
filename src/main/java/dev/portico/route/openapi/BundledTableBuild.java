package dev.portico.route.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.route.InvalidRouteTableException;
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
 */
public final class BundledTableBuild {
    /** The suffix of the file holding the checked JSON's SHA-256, in hex. */
    public static final String CHECKED_SUFFIX = ".checked";

    private BundledTableBuild() {}

    /** usage: BundledTableBuild TABLE.yaml|json OUT.json */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: BundledTableBuild TABLE OUT.json");
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        byte[] json = build(in.getFileName().toString(), Files.readAllBytes(in));
        Files.write(out, json);
        Files.writeString(out.resolveSibling(out.getFileName() + CHECKED_SUFFIX), digest(json));
    }

    /**
     * @return the document as compact JSON
     * @throws InvalidRouteTableException when the document does not parse or a template does not compile
     */
    static byte[] build(String source, byte[] content) throws IOException {
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
        try {
            new RouteTableLoader(checking).load(source, json);
        } catch (InvalidRouteTableException e) {
            // Problems other than templates may depend on the function's configuration; the start reports them.
        }
        if (!bad.isEmpty()) {
            throw new InvalidRouteTableException("Invalid route table " + source + ":\n" + String.join("\n", bad));
        }
        return json;
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
