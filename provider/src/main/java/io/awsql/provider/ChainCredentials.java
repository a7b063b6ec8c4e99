package io.awsql.provider;

import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * The AWS default credential chain for a profile, exactly as an SDK client builds it for itself (the
 * profile's keys, SSO, roles and credential_process included), or one profile's credentials alone, shared
 * by the connection's clients; when they cannot be had, an {@link AwsSetupException} says so in one line.
 */
final class ChainCredentials implements AwsCredentialsProvider, AutoCloseable {
  private final String profile;
  private final AwsCredentialsProvider chain;

  /**
   * @param profile the connection's profile, or null for the SDK's own choice ({@code AWS_PROFILE}, else
   *     {@code default})
   * @param effectiveProfile the profile the SDK reads, for messages
   */
  ChainCredentials(String profile, String effectiveProfile) {
    this.profile = effectiveProfile;
    this.chain = DefaultCredentialsProvider.builder().profileName(profile).build();
  }

  private ChainCredentials(String profile, AwsCredentialsProvider chain) {
    this.profile = profile;
    this.chain = chain;
  }

  /**
   * The credentials of one profile alone (for {@code profiles}: environment keys must not stand in for every
   * profile, as they would first in the default chain).
   */
  static ChainCredentials ofProfile(String profile) {
    return new ChainCredentials(profile, ProfileCredentialsProvider.builder().profileName(profile).build());
  }

  @Override
  public AwsCredentials resolveCredentials() {
    try {
      return chain.resolveCredentials();
    } catch (RuntimeException e) {
      throw AwsSetupException.noCredentials(profile, profileFailure(), e);
    }
  }

  /**
   * Why an existing profile gave no credentials (an expired SSO token, a role it may not assume), asked of
   * the profile alone, since the chain's message mixes every provider's failure; null if it has no such
   * profile.
   */
  private String profileFailure() {
    Optional<Profile> named = ProfileFile.defaultProfileFile().profile(profile);
    if (named.isEmpty()) {
      return null;
    }
    try (ProfileCredentialsProvider alone = ProfileCredentialsProvider.builder().profileName(profile).build()) {
      alone.resolveCredentials();
      return null;
    } catch (RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage().replaceAll("\\s*\\R\\s*", " ");
      boolean sso = named.get().property("sso_session").isPresent()
          || named.get().property(ProfileProperty.SSO_START_URL).isPresent();
      return sso ? why + "; sign in with: aws sso login --profile " + profile : why;
    }
  }

  @Override
  public void close() {
    if (chain instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // closing releases threads and files only: nothing to report
      }
    }
  }

  @Override
  public String toString() {
    return "ChainCredentials[profile=" + profile + "]";
  }
}
