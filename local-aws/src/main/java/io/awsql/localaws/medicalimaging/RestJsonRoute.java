package io.awsql.localaws.medicalimaging;

import io.awsql.localaws.AwsResponse;
import io.awsql.localaws.Caller;
import io.awsql.localaws.ServiceHandler;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One REST-JSON operation local-aws serves: its method and path (with the names of the path's groups, which
 * become parameters), and its answer. A resource file provides its routes; {@link MedicalImagingHandler} routes to
 * them.
 */
public interface RestJsonRoute {
  /** The operation name, e.g. {@code ListImageSetVersions}. */
  String action();

  String method();

  /** The path, with one group per path parameter. */
  Pattern path();

  /** The names of the path's groups, in order: {@code datastoreId}, {@code imageSetId}. */
  List<String> pathParameters();

  /** Whether the operation takes a JSON body (list operations take none: an unexpected one is refused). */
  default boolean takesBody() {
    return false;
  }

  /** Validates the call as the service does and answers it, or throws the AwsError it would. */
  AwsResponse answer(ServiceHandler.Call call, Caller caller);
}
