package io.awsql.localaws;

/**
 * Who signed a request and for where: the access key and the region and service of its SigV4 credential
 * scope. {@code knownKey} is null for keys the endpoint does not know (accepted unverified).
 */
public record Caller(String accessKeyId, String region, String service, AccessKey knownKey) {

  public boolean mayCall(String action) {
    return knownKey == null || knownKey.mayCall(action);
  }
}
