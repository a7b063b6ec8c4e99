package io.awsql.provider;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The SDK's HTTP client, with a way to abort the request a given thread is waiting on: a cancelled query
 * must not leave its calls hanging on a silent endpoint until their timeout. The SDK aborts requests this
 * way itself on its own timeouts; an interrupt alone does not unblock a socket read.
 */
final class AbortableCalls implements SdkHttpClient {
  private final SdkHttpClient delegate;
  private final Map<Thread, ExecutableHttpRequest> waiting = new ConcurrentHashMap<>();

  AbortableCalls(SdkHttpClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    ExecutableHttpRequest prepared = delegate.prepareRequest(request);
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        Thread thread = Thread.currentThread();
        waiting.put(thread, prepared);
        try {
          return prepared.call();
        } finally {
          waiting.remove(thread, prepared);
        }
      }

      @Override
      public void abort() {
        prepared.abort();
      }
    };
  }

  /** Aborts the request {@code thread} is waiting on for an answer, if any. */
  void abort(Thread thread) {
    ExecutableHttpRequest request = waiting.get(thread);
    if (request != null) {
      request.abort();
    }
  }

  @Override
  public String clientName() {
    return delegate.clientName();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
