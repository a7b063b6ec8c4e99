package io.awsql.jdbc;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * The authenticated user of the request being answered, for {@link ServerMeta} to tie connections and
 * statements to the user who opened them. Set by a handler placed just inside Jetty's security handler,
 * where the user is known; null without authentication.
 */
final class RemoteUser extends HandlerWrapper {
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  static String current() {
    return CURRENT.get();
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    CURRENT.set(request.getRemoteUser());
    try {
      super.handle(target, base, request, response);
    } finally {
      CURRENT.remove();
    }
  }
}
