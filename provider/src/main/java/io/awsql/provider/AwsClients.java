package io.awsql.provider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The AWS SDK clients of one connection, one per service, account and region, built on first use from the
 * connection's settings and closed with it; and the accounts it queries, with credentials the SDK's STS
 * providers assume, cache and refresh. Retries, paging, signing and (un)marshalling stay the SDK's.
 */
public final class AwsClients implements AutoCloseable {
  static final String PROFILE_KEY = "profile:";
  static final String CALLER_KEY = "caller";
  private final ConnectionSettings settings;
  /** The profile the SDK reads: the connection's, else AWS_PROFILE's, else default. */
  private final String profile;
  private final AwsCredentialsProvider credentials;
  /** The caller: the connection's own credentials, which query or assume the roles of the accounts. */
  private final Account caller;
  private final List<Account> accounts = new ArrayList<>();
  private final List<AutoCloseable> accountCredentials = new ArrayList<>();
  private final AbortableCalls http = new AbortableCalls(ApacheHttpClient.create());
  private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();
  private volatile List<String> defaultRegions;
  private final AtomicLong requests = new AtomicLong();

  /**
   * @throws AwsSetupException when the connection, or AWS_PROFILE, names a profile the AWS config files do
   *     not define: the SDK would go on without it, querying as whoever the rest of the chain finds
   */
  public AwsClients(ConnectionSettings settings) {
    this.settings = settings;
    this.profile = settings.profile() != null ? settings.profile()
        : ProfileFileSystemSetting.AWS_PROFILE.getStringValueOrThrow();
    checkProfile(settings);
    this.credentials = credentialsFor(settings, profile);
    this.caller = new Account(CALLER_KEY, credentials, settings.profile(), null);
    AccountSettings how = settings.accounts();
    if (!how.profiles().isEmpty()) {
      for (String name : how.profiles()) {
        ChainCredentials own = ChainCredentials.ofProfile(name);
        accountCredentials.add(own);
        accounts.add(new Account(PROFILE_KEY + name, own, name, null));
      }
    } else if (!how.accounts().isEmpty()) {
      for (String id : how.accounts()) {
        AssumedRole role = new AssumedRole(id);
        accountCredentials.add(role);
        accounts.add(new Account(id, role, settings.profile(), id));
      }
    } else {
      accounts.add(caller);
    }
  }

  /**
   * A role assumed in one account with the caller's credentials, on first use: the SDK's provider calls
   * AssumeRole once, keeps the credentials and refreshes them before they expire.
   */
  private final class AssumedRole implements AwsCredentialsProvider, AutoCloseable {
    private final String account;
    private StsAssumeRoleCredentialsProvider provider;

    AssumedRole(String account) {
      this.account = account;
    }

    @Override
    public AwsCredentials resolveCredentials() {
      return provider().resolveCredentials();
    }

    private synchronized StsAssumeRoleCredentialsProvider provider() {
      if (provider == null) {
        AccountSettings how = settings.accounts();
        StsClient sts = client(StsClient.class, caller, defaultRegions().get(0), StsClient::builder);
        provider = StsAssumeRoleCredentialsProvider.builder()
            .stsClient(sts)
            .refreshRequest(r -> r.roleArn(how.roleArn(account)).roleSessionName(how.roleSessionName())
                .externalId(how.externalId()))
            .build();
      }
      return provider;
    }

    @Override
    public synchronized void close() {
      if (provider != null) {
        provider.close();
      }
    }

    @Override
    public String toString() {
      return "AssumedRole[" + settings.accounts().roleArn(account) + "]";
    }
  }

  /** The accounts the connection queries, in the order configured (the caller's alone when none are). */
  public List<Account> accounts() {
    return List.copyOf(accounts);
  }

  /**
   * The 12-digit id of an account: given, or asked of STS (GetCallerIdentity, which needs no permission)
   * once per connection.
   */
  public String accountId(Account account) {
    String id = account.knownId();
    if (id == null) {
      synchronized (account) {
        id = account.knownId();
        if (id == null) {
          StsClient sts = client(StsClient.class, account, defaultRegions().get(0), StsClient::builder);
          try {
            id = sts.getCallerIdentity().account();
          } catch (RuntimeException e) {
            throw SdkFailures.translateIdentity(e, account.describe());
          }
          account.learnId(id);
        }
      }
    }
    return id;
  }

  /**
   * Refuses a profile the AWS config files do not define, when the connection or AWS_PROFILE names one.
   *
   * @throws AwsSetupException naming the profile and the profiles there are
   */
  public static void checkProfile(ConnectionSettings s) {
    for (String name : s.accounts().profiles()) {
      checkProfile(name, "profiles=" + String.join(",", s.accounts().profiles()));
    }
    if (s.profile() != null) {
      checkProfile(s.profile(), "profile=" + s.profile());
    } else if (s.accessKeyId() == null && !s.local() && s.accounts().profiles().isEmpty()) {
      // AWS_PROFILE only matters for credentials here when no keys are given (local=true gives its own).
      String named = ProfileFileSystemSetting.AWS_PROFILE.getNonDefaultStringValue().orElse(null);
      if (named != null) {
        checkProfile(named, "AWS_PROFILE");
      }
    }
  }

  private static void checkProfile(String named, String source) {
    ProfileFile file = ProfileFile.defaultProfileFile();
    if (file.profile(named).isEmpty()) {
      throw AwsSetupException.unknownProfile(named, source, new TreeSet<>(file.profiles().keySet()));
    }
  }

  private static AwsCredentialsProvider credentialsFor(ConnectionSettings s, String effectiveProfile) {
    if (s.accessKeyId() != null) {
      return StaticCredentialsProvider.create(s.sessionToken() == null
          ? AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey())
          : AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), s.sessionToken()));
    }
    return new ChainCredentials(s.profile(), effectiveProfile);
  }

  /**
   * The regions to query when a statement names none: the configured ones, else the one the AWS default
   * region chain (or the profile) gives.
   *
   * @throws AwsSetupException when no region is configured anywhere
   */
  public List<String> defaultRegions() {
    if (defaultRegions == null) {
      if (!settings.regions().isEmpty()) {
        defaultRegions = settings.regions();
      } else {
        try {
          // The chain an SDK client uses when given no region, for the same profile.
          // With profiles, the first one's region stands for all (give region= to query several).
          String regionProfile = settings.profile() != null || settings.accounts().profiles().isEmpty()
              ? settings.profile() : settings.accounts().profiles().get(0);
          Region region = DefaultAwsRegionProviderChain.builder().profileName(regionProfile).build().getRegion();
          defaultRegions = List.of(region.id());
        } catch (SdkClientException e) {
          throw AwsSetupException.noRegion(profile, e);
        }
      }
    }
    return defaultRegions;
  }

  /**
   * The client of one service in one account and region, e.g.
   * {@code client(Ec2Client.class, call.account(), call.region(), Ec2Client::builder)}.
   */
  public <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(
      Class<C> type, Account account, String region, Supplier<B> builder) {
    return type.cast(clients.computeIfAbsent(type.getName() + "@" + region + "@" + account.key(),
        k -> build(builder, account, region, o -> { })));
  }

  /**
   * A client for calls that create things. It retries only throttling, which AWS answers before doing
   * anything: a create whose outcome is unknown (a 5xx, a broken connection) must not be resent blindly,
   * or it could be done twice.
   */
  public <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C writeClient(
      Class<C> type, Account account, String region, Supplier<B> builder) {
    BackoffStrategy backoff = BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(20));
    return type.cast(clients.computeIfAbsent(type.getName() + "@" + region + "@" + account.key() + "#write",
        k -> build(builder, account, region,
        o -> o.retryStrategy(StandardRetryStrategy.builder()
            .maxAttempts(4)
            .retryOnException(AwsClients::isThrottling)
            .treatAsThrottling(AwsClients::isThrottling)
            .backoffStrategy(backoff)
            .throttlingBackoffStrategy(backoff)
            .useClientDefaults(false) // else the client adds its own conditions, which retry 5xx too
            .build()))));
  }

  private static boolean isThrottling(Throwable t) {
    return t instanceof SdkServiceException e && e.isThrottlingException();
  }

  /**
   * One client. The profile applies whole through the SDK itself (defaultProfileName): its endpoint_url and
   * services sections, retry settings and the rest, exactly as for AWS_PROFILE; an explicit endpoint wins.
   */
  private <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C build(
      Supplier<B> builder, Account account, String region, Consumer<ClientOverrideConfiguration.Builder> overrides) {
    C client = build(builder.get(), account, region, overrides, settings.endpoint() != null);
    if (settings.endpoint() == null && client.serviceClientConfiguration().endpointOverride().isPresent()) {
      // The profile (or AWS_ENDPOINT_URL) overrides the endpoint: used as given too, see below.
      client.close();
      client = build(builder.get(), account, region, overrides, true);
    }
    return client;
  }

  /** One client; all override settings in one place, since each overrideConfiguration call replaces the last. */
  private <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C build(
      B builder, Account account, String region, Consumer<ClientOverrideConfiguration.Builder> overrides,
      boolean endpointOverridden) {
    builder.region(Region.of(region)).credentialsProvider(account.credentials()).httpClient(http);
    ClientOverrideConfiguration.Builder config = ClientOverrideConfiguration.builder()
        .apiCallTimeout(settings.limits().apiCallTimeout())
        .apiCallAttemptTimeout(settings.limits().apiCallAttemptTimeout())
        .addExecutionInterceptor(new AnswerCheck())
        .addExecutionInterceptor(new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            requests.incrementAndGet();
          }
        });
    if (account.profile() != null) {
      config.defaultProfileName(account.profile());
    }
    overrides.accept(config);
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    if (endpointOverridden) {
      // Some APIs (HealthImaging's runtime-) put a prefix before the host, even before an override's;
      // an override must be used as given. Real AWS endpoints keep their prefixes.
      config.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true);
    }
    return builder.overrideConfiguration(config.build()).build();
  }

  /** Aborts the AWS call {@code thread} is waiting on (a cancelled or timed-out query's). */
  public void abortCallOf(Thread thread) {
    http.abort(thread);
  }

  /** HTTP requests sent so far (retries included), for progress reports. */
  public long requestCount() {
    return requests.get();
  }

  @Override
  public void close() {
    for (AutoCloseable c : accountCredentials) {
      try {
        c.close();
      } catch (Exception e) {
        // closing releases threads and files only: nothing to report
      }
    }
    clients.values().forEach(SdkClient::close);
    clients.clear();
    if (credentials instanceof ChainCredentials chain) {
      chain.close();
    }
    http.close();
  }
}
