package io.sendense.webapp.api;

import io.sendense.webapp.common.Refusal;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every failure into JSON with a message; stack traces stay in the server log. */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());

  @Override
  public Response toResponse(Throwable failure) {
    if (failure instanceof WebApplicationException web) {
      Response.StatusType status = web.getResponse().getStatusInfo();
      String code = status.getReasonPhrase().toLowerCase().replace(' ', '_');
      return json(status.getStatusCode(), new ApiError(code, failure.getMessage()));
    }
    if (failure instanceof Refusal refused) {
      String code =
          switch (refused.status()) {
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 416 -> "range_not_satisfiable";
            case 422 -> "unprocessable";
            case 502 -> "source_unavailable";
            default -> "bad_request";
          };
      return json(refused.status(), new ApiError(code, failure.getMessage()));
    }
    if (failure instanceof IllegalArgumentException) {
      return json(400, new ApiError("bad_request", failure.getMessage()));
    }
    LOG.log(Level.SEVERE, "API call failed", failure);
    return json(500, new ApiError("internal_error", "Internal error; see the hub log"));
  }

  private static Response json(int status, ApiError error) {
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(error).build();
  }
}
