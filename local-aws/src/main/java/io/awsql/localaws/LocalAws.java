package io.awsql.localaws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.awsql.localaws.ec2.Ec2Action;
import io.awsql.localaws.ec2.Ec2QueryHandler;
import io.awsql.localaws.ec2.Images;
import io.awsql.localaws.ec2.Snapshots;
import io.awsql.localaws.ec2.StoreImageTasks;
import io.awsql.localaws.medicalimaging.ImageSetVersions;
import io.awsql.localaws.medicalimaging.MedicalImagingHandler;
import io.awsql.localaws.sts.SecurityTokenService;
import io.awsql.localaws.sts.StsQueryHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embeddable local AWS endpoint: one HTTP server on the loopback interface that answers the AWS APIs
 * awsql maps (EC2's Query protocol, HealthImaging's REST-JSON) and STS (GetCallerIdentity, AssumeRole),
 * byte-compatible with what AWS sends, so the real AWS SDKs and CLI can be pointed at it. State is in memory
 * and per account and region: the region is taken from each request's SigV4 scope, the account from its
 * credentials ({@link Accounts#BASE} for access keys, the role's account for credentials from AssumeRole).
 *
 * <pre>{@code
 * try (LocalAws aws = LocalAws.builder().demoData().start()) {
 *   Ec2Client ec2 = Ec2Client.builder().endpointOverride(aws.endpoint())...
 * }
 * }</pre>
 */
public final class LocalAws implements AutoCloseable {
  private static final int REQUEST_LOG_CAPACITY = 100_000;

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and the
    // client's delayed ACK add ~40 ms to every answer. Read once, when the server classes first load.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<ServiceHandler> handlers;
  private final SigV4Verifier verifier;
  private final FaultInjector faults;
  private final RequestLog requestLog = new RequestLog(REQUEST_LOG_CAPACITY);
  private final Clock clock;
  private final StoreImageTasks storeImageTasks;
  private final ImageSetVersions imageSetVersions;
  private final Images images = new Images();
  private final Snapshots snapshots = new Snapshots();
  private final SessionCredentials sessions;

  private LocalAws(Builder b) throws IOException {
    this.clock = b.clock;
    this.faults = new FaultInjector(b.faultSeed);
    this.sessions = new SessionCredentials(b.credentialsClock);
    this.verifier = new SigV4Verifier(b.accessKeys, Clock.systemUTC(), sessions);
    this.storeImageTasks = new StoreImageTasks(clock);
    this.imageSetVersions = new ImageSetVersions(clock);
    for (Map.Entry<String, Seed> seed : b.seeds) {
      load(seed.getKey(), seed.getValue());
    }
    List<Ec2Action> ec2 = new ArrayList<>(storeImageTasks.actions());
    ec2.addAll(images.actions());
    ec2.addAll(snapshots.actions());
    // STS first: it shares EC2's path and is told apart by its signing name or API version.
    this.handlers = List.of(new StsQueryHandler(new SecurityTokenService(sessions).actions()),
        new Ec2QueryHandler(ec2), new MedicalImagingHandler(imageSetVersions.routes()));
    this.server = HttpServer.create(new InetSocketAddress(b.bindAddress, b.port), 128);
    AtomicInteger threadNumber = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(b.threads, r -> {
      Thread t = new Thread(r, "local-aws-" + threadNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::exchange);
    server.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The base URI to give an SDK as endpoint override, e.g. {@code http://127.0.0.1:45123}. */
  public URI endpoint() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Every request answered, with decoded parameters, for asserting what a client sent. */
  public RequestLog requestLog() {
    return requestLog;
  }

  /** Fault rules: add to inject throttling, internal errors, latency or malformed bodies. */
  public FaultInjector faults() {
    return faults;
  }

  public Clock clock() {
    return clock;
  }

  /** The EC2 store image task state, for seeding and inspection. */
  public StoreImageTasks storeImageTasks() {
    return storeImageTasks;
  }

  /** The temporary credentials AssumeRole has issued (they expire by this endpoint's clock). */
  public SessionCredentials sessionCredentials() {
    return sessions;
  }

  /**
   * Adds a seed's resources to the base account, and its {@code accounts} to theirs (relative times are
   * taken from this endpoint's clock now).
   */
  public void load(Seed seed) {
    load(Accounts.BASE, seed);
  }

  /** Adds a seed's {@code regions} to {@code account}, and its {@code accounts} to theirs. */
  public void load(String account, Seed seed) {
    if (!Accounts.isAccountId(account)) {
      throw new IllegalArgumentException("'" + account + "' is not an AWS account id (12 digits)");
    }
    loadRegions(account, seed.regions());
    seed.accounts().forEach((other, accountSeed) -> loadRegions(other, accountSeed.regions()));
  }

  private void loadRegions(String account, Map<String, Seed.RegionSeed> regions) {
    Instant now = clock.instant();
    regions.forEach((region, regionSeed) -> {
      storeImageTasks.load(account, region, regionSeed);
      images.load(account, region, regionSeed, now);
      snapshots.load(account, region, regionSeed, now);
      imageSetVersions.load(account, region, regionSeed);
    });
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void exchange(HttpExchange exchange) throws IOException {
    try (exchange) {
      AwsRequest request = read(exchange);
      AwsResponse response;
      requestLog.started();
      try {
        response = request == null ? tooLarge(exchange) : answer(request);

      } finally {
        requestLog.finished();
      }
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      exchange.getResponseHeaders().set("x-amzn-RequestId",
          request == null ? UUID.randomUUID().toString() : request.requestId());
      response.headers().forEach(exchange.getResponseHeaders()::set);
      byte[] body = response.body();
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  /** The largest request body served: AWS's Query and JSON APIs take small requests, and a body is held in memory. */
  public static final int MAX_REQUEST_BYTES = 1024 * 1024;

  /** The request, or null when its body is larger than {@link #MAX_REQUEST_BYTES} (not read further). */
  private static AwsRequest read(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_REQUEST_BYTES + 1);
      if (body.length > MAX_REQUEST_BYTES) {
        // Read the rest without keeping it, so the client is still listening when the 413 comes.
        in.transferTo(OutputStream.nullOutputStream());
      }
    }
    if (body.length > MAX_REQUEST_BYTES) {
      return null;
    }
    URI uri = exchange.getRequestURI();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
    return new AwsRequest(UUID.randomUUID().toString(), exchange.getRequestMethod(), uri.getRawPath(),
        uri.getRawQuery(), headers, body);
  }

  /** 413 in the shape of the service the request was for. */
  private AwsResponse tooLarge(HttpExchange exchange) {
    URI uri = exchange.getRequestURI();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
    AwsRequest headersOnly = new AwsRequest(UUID.randomUUID().toString(), exchange.getRequestMethod(),
        uri.getRawPath(), uri.getRawQuery(), headers, new byte[0]);
    AwsError error = new AwsError(413, "RequestEntityTooLarge", "The request body is larger than "
        + MAX_REQUEST_BYTES + " bytes.");
    ServiceHandler handler = handlers.stream().filter(h -> h.accepts(headersOnly)).findFirst().orElse(handlers.get(0));
    AwsResponse response = handler.render(error, headersOnly);
    log(headersOnly, clock.instant(), null, null, handler.signingName(), Map.of(), response);
    return response;
  }

  /** The whole life of one call: route, parse, authenticate, inject faults, run, log. */
  AwsResponse answer(AwsRequest request) {
    Instant receivedAt = clock.instant();
    ServiceHandler handler = handlers.stream().filter(h -> h.accepts(request)).findFirst().orElse(null);
    if (handler == null) {
      AwsResponse unknown = AwsResponse.error(new AwsError(404, "UnknownOperationException", ""), "text/plain",
          "No AWS API served by local-aws matches " + request.method() + " " + request.rawPath() + ".\n", Map.of());
      log(request, receivedAt, null, null, null, Map.of(), unknown);
      return unknown;
    }
    ServiceHandler.Call call = null;
    Caller caller = null;
    AwsResponse response;
    try {
      try {
        call = handler.parse(request);
      } catch (AwsError error) {
        throw error;
      } catch (RuntimeException unreadable) {
        // A bad %-escape, a list index out of range...: the caller's mistake, said in the service's terms.
        throw handler.malformedRequest("The request cannot be read: " + describe(unreadable) + ".");
      }
      try {
        caller = verifier.verify(request, handler.signingName());
      } catch (CredentialError refused) {
        throw handler.credentialError(refused);
      }
      response = handleWithFaults(handler, call, caller);
    } catch (AwsError error) {
      response = handler.render(error, request);
    } catch (IllegalArgumentException unreadable) {
      // A value that cannot be read (an index out of range, ...) found while handling: still the caller's.
      response = handler.render(handler.malformedRequest("The request cannot be read: " + describe(unreadable) + "."),
          request);
    } catch (RuntimeException bug) {
      // No Java text in an answer: a client would show it, and SDKs retry a 500 as if AWS had failed.
      System.err.println("local-aws: " + request.method() + " " + request.rawPath() + " failed: " + bug);
      response = handler.render(handler.internalError(), request);
    }
    log(request, receivedAt, call == null ? null : call.action(), caller,
        handler.signingName(), call == null ? Map.of() : call.parameters(), response);
    return response;
  }

  private AwsResponse handleWithFaults(ServiceHandler handler, ServiceHandler.Call call, Caller caller) {
    FaultInjector.Decision decision = faults.decide(call.action());
    try {
      if (decision.latencyMillis() > 0) {
        Thread.sleep(decision.latencyMillis());
      }
      decision.hold();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (decision.has(Fault.THROTTLE)) {
      throw handler.throttlingError();
    }
    if (decision.has(Fault.INTERNAL_ERROR)) {
      throw handler.internalError();
    }
    AwsResponse response = handler.handle(call, caller);
    if (decision.has(Fault.EMPTY_OK)) {
      return new AwsResponse(200, response.contentType(), new byte[0], null, Map.of());
    }
    if (decision.has(Fault.HTML_PAGE)) {
      return AwsResponse.ok("text/html; charset=UTF-8",
          "<!DOCTYPE html><html><head><title>Sign in to the network</title></head><body><p>Accept the terms "
              + "of use to continue.</p></body></html>\n");
    }
    return decision.has(Fault.MALFORMED_BODY) ? response.truncated() : response;
  }

  /** What was wrong with a request, in words (no exception class names). */
  private static String describe(RuntimeException e) {
    if (e instanceof NumberFormatException) {
      return "a number is out of range or not a number";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? "it is malformed" : message.replaceAll("\\s+", " ");
  }

  private void log(AwsRequest request, Instant receivedAt, String action, Caller caller, String service,
      Map<String, List<String>> parameters, AwsResponse response) {
    requestLog.add(new LoggedRequest(request.requestId(), receivedAt, service, action,
        caller == null ? null : caller.region(), caller == null ? null : caller.accessKeyId(),
        caller == null ? null : caller.account(),
        Collections.unmodifiableMap(new LinkedHashMap<>(parameters)), response.status(), response.errorCode()));
  }

  /** Settings for a new endpoint; {@link #start()} binds it. */
  public static final class Builder {
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private Clock clock = Clock.systemUTC();
    private Clock credentialsClock = Clock.systemUTC();
    private long faultSeed = 1;
    private int threads = 16;
    private final List<Map.Entry<String, Seed>> seeds = new ArrayList<>();
    private final Map<String, AccessKey> accessKeys = new HashMap<>();

    private Builder() {
      accessKey(AccessKey.DEMO);
      accessKey(AccessKey.READ_ONLY);
      accessKey(AccessKey.NO_ACCESS);
    }

    /** The port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The address to bind; the loopback address unless said otherwise. */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = address;
      return this;
    }

    /** The clock store tasks advance by; a {@link MutableClock} lets tests move time. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * The clock temporary credentials are issued and expire by: the wall clock by default, since clients
     * (the SDKs' credential caches) compare their expiry with theirs; a {@link MutableClock} lets tests expire
     * them. The simulated {@link #clock} may be months away from the wall clock.
     */
    public Builder credentialsClock(Clock clock) {
      this.credentialsClock = clock;
      return this;
    }

    public Builder faultSeed(long seed) {
      this.faultSeed = seed;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * Adds the built-in demo data: the base account's (several regions, buckets, AMIs and tasks in every
     * state, HealthImaging image sets) and {@link Accounts#SECOND_DEMO}'s own.
     */
    public Builder demoData() {
      return seed(Seed.demo());
    }

    /** Adds a seed to the base account (and its {@code accounts} to theirs). */
    public Builder seed(Seed seed) {
      return seed(Accounts.BASE, seed);
    }

    /** Adds a seed's {@code regions} to {@code account} (12 digits), and its {@code accounts} to theirs. */
    public Builder seed(String account, Seed seed) {
      if (!Accounts.isAccountId(account)) {
        throw new IllegalArgumentException("'" + account + "' is not an AWS account id (12 digits)");
      }
      seeds.add(Map.entry(account, seed));
      return this;
    }

    /** A key pair whose signatures are verified and whose permissions are enforced. */
    public Builder accessKey(AccessKey key) {
      accessKeys.put(key.accessKeyId(), key);
      return this;
    }

    public LocalAws start() {
      try {
        return new LocalAws(this);
      } catch (IOException e) {
        throw new IllegalStateException("local-aws could not listen on " + bindAddress.getHostAddress() + ":"
            + port + ": " + e.getMessage(), e);
      }
    }
  }
}
