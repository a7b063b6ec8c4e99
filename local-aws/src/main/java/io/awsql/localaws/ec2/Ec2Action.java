package io.awsql.localaws.ec2;

import io.awsql.localaws.AwsResponse;
import io.awsql.localaws.Caller;
import io.awsql.localaws.ServiceHandler;
import java.util.regex.Pattern;

/**
 * One EC2 Query action local-aws serves: its name, the parameters it takes, and its answer. A resource
 * file (store tasks, images) provides its actions; {@link Ec2QueryHandler} routes to them.
 */
public interface Ec2Action {
  /** The action name, as in {@code Action=DescribeImages}. */
  String name();

  /** The names of the parameters it takes, besides Action and Version (others are UnknownParameter). */
  Pattern parameters();

  /** Validates the call as EC2 does and answers it, or throws the AwsError EC2 would. */
  AwsResponse answer(ServiceHandler.Call call, Caller caller);
}
