package io.awsql.provider;

import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * How a resource lists its items: one {@link ApiCall} becomes a lazy sequence of pages, each fetched only
 * when the iterator is advanced (normally the AWS SDK's paginator).
 *
 * @param <T> the SDK model class of one item
 */
@FunctionalInterface
public interface PageSource<T> {
  Iterator<List<T>> pages(AwsClients clients, ApiCall call);

  /** A lazy view of {@code pages} through {@code f}: the SDK's responses as item lists, for example. */
  static <R, P> Iterator<P> map(Iterator<R> pages, Function<R, P> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return pages.hasNext();
      }

      @Override
      public P next() {
        return f.apply(pages.next());
      }
    };
  }
}
