package io.awsql.jdbc;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Refuses requests whose body is larger than a limit before Avatica reads it whole into memory: 413 for a
 * declared length over the limit, 411 for a body of undeclared length (Avatica's clients always declare it).
 */
final class RequestSizeLimit extends HandlerWrapper {
  private final long maxBytes;

  RequestSizeLimit(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    long length = request.getContentLengthLong();
    boolean chunked = length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
    if (length > maxBytes || chunked) {
      base.setHandled(true);
      response.sendError(chunked ? HttpServletResponse.SC_LENGTH_REQUIRED : 413,
          chunked ? "a request body needs a Content-Length" : "request body over " + maxBytes + " bytes");
      return;
    }
    super.handle(target, base, request, response);
  }
}
