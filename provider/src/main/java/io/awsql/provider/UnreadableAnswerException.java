package io.awsql.provider;

/**
 * An HTTP 200 whose body is not the API's answer (empty, cut short, a proxy's or portal's page): its rows
 * cannot be trusted, and for a create, whether anything was created cannot be known.
 */
public final class UnreadableAnswerException extends RuntimeException {
  public UnreadableAnswerException(String message) {
    super(message);
  }
}
