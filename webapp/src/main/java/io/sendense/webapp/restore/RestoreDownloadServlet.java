package io.sendense.webapp.restore;

import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.Caller;
import io.sendense.webapp.security.Roles;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Downloads for the Restore page, under the page's login: the API at {@code /api/v1} takes only
 * Basic or bearer credentials, so the links and forms of a signed-in page come here instead. {@code
 * GET ?mount=&partition=&path=} sends a file (ranges supported) or a folder as ZIP; {@code POST}
 * with {@code mount}, {@code partition} and repeated {@code path} fields sends a selection as one
 * ZIP; {@code GET ?backup=&disk=&format=raw|qcow2} sends a whole disk. Same checks, same streaming
 * and same audit as the API.
 */
@WebServlet("/restore/download")
public class RestoreDownloadServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient RestoreSessions sessions;
  @Inject transient RestoreDownloads downloads;
  @Inject transient DiskExports exports;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getParameter("backup") != null) {
      image(request, response);
      return;
    }
    serve(
        request,
        response,
        (session, caller) ->
            downloads.entry(
                session,
                request.getParameter("partition"),
                request.getParameter("path"),
                request.getHeader("Range"),
                request.getHeader("If-Range"),
                caller));
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String[] paths = request.getParameterValues("path");
    List<String> selection = paths == null ? List.of() : Arrays.asList(paths);
    serve(
        request,
        response,
        (session, caller) ->
            downloads.selection(session, request.getParameter("partition"), selection, caller));
  }

  private interface Preparer {
    Download prepare(RestoreSession session, Caller caller);
  }

  private void serve(HttpServletRequest request, HttpServletResponse response, Preparer preparer)
      throws IOException {
    if (!request.isUserInRole(Roles.OPERATOR)) {
      fail(response, 403, "Only operators and admins may download restored files");
      return;
    }
    String user = request.getUserPrincipal().getName();
    Download download;
    try {
      RestoreSession session = sessions.get(request.getParameter("mount"), user);
      download = preparer.prepare(session, new Caller(user, request.getRemoteAddr()));
    } catch (Refusal e) {
      fail(response, e.status(), e.getMessage());
      return;
    }
    send(download, response);
  }

  /** {@code ?backup=&disk=&format=raw|qcow2}: a whole disk, as the API's disk image call. */
  private void image(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!request.isUserInRole(Roles.OPERATOR)) {
      fail(response, 403, "Only operators and admins may download disks");
      return;
    }
    Download download;
    try {
      download =
          exports.export(
              number(request.getParameter("backup")),
              (int) number(request.getParameter("disk")),
              request.getParameter("format"),
              new Caller(request.getUserPrincipal().getName(), request.getRemoteAddr()));
    } catch (Refusal e) {
      fail(response, e.status(), e.getMessage());
      return;
    }
    send(download, response);
  }

  private static long number(String value) {
    try {
      return Long.parseLong(value == null ? "" : value.strip());
    } catch (NumberFormatException e) {
      throw new Refusal(400, "backup and disk must be whole numbers");
    }
  }

  /** Sends a prepared download on a servlet response. */
  public static void send(Download download, HttpServletResponse response) throws IOException {
    response.setStatus(download.status());
    response.setContentType(download.contentType());
    if (download.length() >= 0) {
      response.setContentLengthLong(download.length());
    }
    download.headers().forEach(response::setHeader);
    download.body().writeTo(response.getOutputStream());
    response.flushBuffer();
  }

  private static void fail(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("Download refused: " + message + "\n");
  }
}
