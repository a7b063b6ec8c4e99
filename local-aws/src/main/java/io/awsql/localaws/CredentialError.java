package io.awsql.localaws;

/**
 * A request whose credentials or signature are refused, with the reason as a kind, so each service can
 * answer in its own words ({@link ServiceHandler#credentialError}). The code and message are EC2's.
 */
public final class CredentialError extends AwsError {
  /** Why the credentials were refused. */
  public enum Kind {
    /** No signature at all. */
    UNSIGNED,
    /** A signature that cannot be read, or a scope of another form. */
    MALFORMED,
    /** A signature scoped to another service. */
    WRONG_SERVICE,
    /** A signature that does not match the request. */
    SIGNATURE_MISMATCH,
    /** A signature made too long ago or ahead, or a presigned URL past its expiry. */
    REQUEST_EXPIRED,
    /** Temporary credentials with a missing or wrong session token. */
    INVALID_TOKEN,
    /** Temporary credentials past their expiration. */
    EXPIRED_TOKEN
  }

  private final Kind kind;

  public CredentialError(Kind kind, int httpStatus, String code, String message) {
    super(httpStatus, code, message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
