package io.awsql.provider;

import java.util.Iterator;
import java.util.List;

/**
 * How a resource lists its items: one {@link ApiCall} becomes a lazy sequence of pages, each fetched only
 * when the iterator is advanced (normally the AWS SDK's paginator).
 *
 * @param <T> the SDK model class of one item
 */
@FunctionalInterface
public interface PageSource<T> {
  Iterator<List<T>> pages(AwsClients clients, ApiCall call);
}
