package io.sendense.webapp.api;

import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.ApiGuard;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLDataException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns every failure into JSON with a message; stack traces stay in the server log. Bad input that
 * only shows up deep down (a body that is not JSON or has a value of the wrong type, a value too
 * long for its column, a body too large) is a 4xx naming what to fix, never a 500.
 */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());
  private static final Pattern PROPERTY = Pattern.compile("property '?([A-Za-z0-9_]+)'?");
  private static final Pattern COLUMN = Pattern.compile("column '([A-Za-z0-9_]+)'");

  @Override
  public Response toResponse(Throwable failure) {
    if (failure instanceof WebApplicationException web && web.getCause() == null) {
      return web(web);
    }
    if (failure instanceof Refusal refused) {
      return json(refused.status(), new ApiError(code(refused.status()), failure.getMessage()));
    }
    if (failure instanceof IllegalArgumentException) {
      return json(400, new ApiError("bad_request", failure.getMessage()));
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApiGuard.BodyTooLargeException) {
        return json(413, new ApiError("payload_too_large", t.getMessage()));
      }
      if (t instanceof JsonbException || t instanceof JsonException) {
        return json(400, new ApiError("bad_request", jsonMessage(failure)));
      }
      if (t instanceof SQLDataException) {
        return json(400, new ApiError("bad_request", tooLong(t.getMessage())));
      }
      if (t instanceof Refusal refused) {
        return json(refused.status(), new ApiError(code(refused.status()), t.getMessage()));
      }
    }
    if (failure instanceof WebApplicationException web) {
      return web(web);
    }
    LOG.log(Level.SEVERE, "API call failed", failure);
    return json(500, new ApiError("internal_error", "Internal error; see the hub log"));
  }

  private static Response web(WebApplicationException web) {
    Response.StatusType status = web.getResponse().getStatusInfo();
    String code = status.getReasonPhrase().toLowerCase().replace(' ', '_');
    return json(status.getStatusCode(), new ApiError(code, web.getMessage()));
  }

  /** What was wrong with a JSON body, naming the property when the parser says which. */
  static String jsonMessage(Throwable failure) {
    String property = null;
    for (Throwable t = failure; t != null && property == null; t = t.getCause()) {
      Matcher m = PROPERTY.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        property = m.group(1);
      }
    }
    return property == null
        ? "The request body is not valid JSON for this call"
        : "The request body has a wrong value for '"
            + property
            + "' (check its type: number, string, true/false, list or object)";
  }

  static String tooLong(String message) {
    Matcher m = COLUMN.matcher(String.valueOf(message));
    return m.find()
        ? "A value is too long for '" + m.group(1) + "'; shorten it"
        : "A value is too long or out of range; check the lengths of the fields";
  }

  private static String code(int status) {
    return switch (status) {
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 409 -> "conflict";
      case 413 -> "payload_too_large";
      case 416 -> "range_not_satisfiable";
      case 422 -> "unprocessable";
      case 502 -> "source_unavailable";
      default -> "bad_request";
    };
  }

  private static Response json(int status, ApiError error) {
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(error).build();
  }
}
