package io.awsql.localaws.ec2;

import io.awsql.localaws.AwsError;
import io.awsql.localaws.Caller;
import io.awsql.localaws.QueryLists;
import io.awsql.localaws.ServiceHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reading and checking EC2 Query parameters as EC2 does, for every action. */
final class Ec2Params {
  private static final Pattern AMI_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");

  private Ec2Params() {}

  static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  static boolean bool(Map<String, List<String>> params, String name) {
    String value = first(params, name);
    if (value == null) {
      return false;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new AwsError(400, "InvalidParameterValue",
        "Value (" + value + ") for parameter " + name + " is invalid. Expecting true or false.");
  }

  static Integer integer(Map<String, List<String>> params, String name) {
    String value = first(params, name);
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw new AwsError(400, "InvalidParameterValue",
          "Value (" + value + ") for parameter " + name + " is invalid. Expecting an integer.");
    }
  }

  static AwsError missing(String parameter) {
    return new AwsError(400, "MissingParameter", "The request must contain the parameter " + parameter);
  }

  static void checkAmiId(String id) {
    if (!AMI_ID.matcher(id).matches()) {
      throw new AwsError(400, "InvalidAMIID.Malformed", "Invalid id: \"" + id + "\" (expecting \"ami-...\")");
    }
  }

  /** The caller may call the action; a dry run that may stops here with DryRunOperation. */
  static void authorize(ServiceHandler.Call call, Caller caller, boolean dryRun) {
    if (!caller.mayCall(call.action())) {
      throw new AwsError(403, "UnauthorizedOperation", "You are not authorized to perform this operation: "
          + "the access key " + caller.accessKeyId() + " may not call ec2:" + call.action() + ".");
    }
    if (dryRun) {
      throw dryRunOperation();
    }
  }

  static AwsError dryRunOperation() {
    return new AwsError(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
  }

  /** {@code Filter.N.Name} / {@code Filter.N.Value.M}, each name one of {@code supported}. */
  static List<Filter> filters(Map<String, List<String>> params, List<String> supported, String action) {
    List<Filter> filters = new ArrayList<>();
    for (int n : QueryLists.indexes(params, "Filter")) {
      String name = first(params, "Filter." + n + ".Name");
      if (name == null || name.isEmpty()) {
        throw missing("Filter." + n + ".Name");
      }
      if (!supported.contains(name) && !(supported.contains("tag:") && name.startsWith("tag:"))) {
        throw new AwsError(400, "InvalidParameterValue",
            "The filter '" + name + "' is invalid; " + action + " supports " + supported + ".");
      }
      List<String> values = QueryLists.members(params, "Filter." + n + ".Value", "");
      if (values.isEmpty()) {
        throw new AwsError(400, "InvalidParameterValue", "The filter '" + name + "' (Filter." + n
            + ") has no values; give at least one Filter." + n + ".Value.1.");
      }
      filters.add(new Filter(name, values));
    }
    return filters;
  }

  /** One {@code Filter.N}: its name and the values any of which may match. */
  record Filter(String name, List<String> values) {}
}
