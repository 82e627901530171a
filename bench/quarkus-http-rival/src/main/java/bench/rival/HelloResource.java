package bench.rival;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The same answer as the example API's {@code GET /hello} MOCK route: a greeting with the stage and the
 * resource path, {@code Cache-Control: no-store}, the name escaped as $util.escapeJavaScript does.
 */
@Path("/hello")
public class HelloResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response hello(@QueryParam("name") String name) {
        String who = name == null || name.isEmpty() ? "world" : escape(name);
        String body = "{\"message\": \"Hello, " + who + "!\", \"stage\": \"prod\", \"path\": \"/hello\"}";
        return Response.ok(body).header("Cache-Control", "no-store").build();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
