package io.awsql.localaws.sts;

import io.awsql.localaws.Accounts;
import io.awsql.localaws.AwsError;
import io.awsql.localaws.AwsResponse;
import io.awsql.localaws.Caller;
import io.awsql.localaws.QueryLists;
import io.awsql.localaws.QueryXml;
import io.awsql.localaws.ServiceHandler;
import io.awsql.localaws.SessionCredentials;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS's GetCallerIdentity and AssumeRole, so code that switches accounts can be tried: who the caller is,
 * and temporary credentials for a role in any account, which then act as that account. Inputs are checked
 * against the service model's constraints in STS's words ({@code ValidationError}); the demo trust rule
 * refuses every role of {@link Accounts#DENIES_ASSUME_ROLE}. Roles need no creating: every well-formed role
 * ARN elsewhere exists, and may be held for up to 12 hours.
 */
public final class SecurityTokenService {
  static final String GET_CALLER_IDENTITY = "GetCallerIdentity";
  static final String ASSUME_ROLE = "AssumeRole";
  static final int MIN_DURATION_SECONDS = 900;
  static final int MAX_DURATION_SECONDS = 43_200;
  static final int DEFAULT_DURATION_SECONDS = 3600;
  /** AWS limits a session obtained by role chaining to one hour. */
  static final int CHAINED_MAX_DURATION_SECONDS = 3600;
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws:iam::(\\d{12}):role/((?:[\\u0021-\\u007E]*/)?)([\\w+=,.@-]{1,64})");
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:\\/-]*");
  private static final int MAX_TAGS = 50;
  /** What a packed session policy may take, for PackedPolicySize (a percentage of it). */
  private static final int PACKED_POLICY_BUDGET = 2048;

  private final SessionCredentials sessions;

  /** @param sessions where issued credentials are remembered, for the verifier to recognise them */
  public SecurityTokenService(SessionCredentials sessions) {
    this.sessions = sessions;
  }

  /** GetCallerIdentity and AssumeRole. */
  public List<StsAction> actions() {
    return List.of(action(GET_CALLER_IDENTITY, this::getCallerIdentity), action(ASSUME_ROLE, this::assumeRole));
  }

  private static StsAction action(String name, BiFunction<ServiceHandler.Call, Caller, AwsResponse> answer) {
    return new StsAction() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public AwsResponse answer(ServiceHandler.Call call, Caller caller) {
        return answer.apply(call, caller);
      }
    };
  }

  /** Everyone may call it, whatever their permissions, as in AWS. */
  private AwsResponse getCallerIdentity(ServiceHandler.Call call, Caller caller) {
    return AwsResponse.ok(StsXml.CONTENT_TYPE, StsXml.finish(StsXml.result(GET_CALLER_IDENTITY)
        .element("Arn", caller.arn())
        .element("UserId", caller.userId())
        .element("Account", caller.account()), call.request().requestId()));
  }

  private AwsResponse assumeRole(ServiceHandler.Call call, Caller caller) {
    Map<String, List<String>> params = call.parameters();
    String roleArn = StsQueryHandler.first(params, "RoleArn");
    String sessionName = StsQueryHandler.first(params, "RoleSessionName");
    String durationText = StsQueryHandler.first(params, "DurationSeconds");
    String externalId = StsQueryHandler.first(params, "ExternalId");
    String sourceIdentity = StsQueryHandler.first(params, "SourceIdentity");
    String policy = StsQueryHandler.first(params, "Policy");

    List<String> violations = new ArrayList<>();
    if (roleArn == null) {
      violations.add(notNull("roleArn"));
    } else {
      length(violations, "roleArn", roleArn, 20, 2048);
    }
    if (sessionName == null) {
      violations.add(notNull("roleSessionName"));
    } else {
      length(violations, "roleSessionName", sessionName, 2, 64);
      pattern(violations, "roleSessionName", sessionName, SESSION_NAME);
    }
    int duration = DEFAULT_DURATION_SECONDS;
    if (durationText != null) {
      try {
        duration = Integer.parseInt(durationText.trim());
        if (duration < MIN_DURATION_SECONDS) {
          violations.add(value(durationText, "durationSeconds")
              + "Member must have value greater than or equal to " + MIN_DURATION_SECONDS);
        } else if (duration > MAX_DURATION_SECONDS) {
          violations.add(value(durationText, "durationSeconds")
              + "Member must have value less than or equal to " + MAX_DURATION_SECONDS);
        }
      } catch (NumberFormatException e) {
        violations.add(value(durationText, "durationSeconds") + "Member must be a whole number of seconds");
      }
    }
    if (externalId != null) {
      length(violations, "externalId", externalId, 2, 1224);
      pattern(violations, "externalId", externalId, EXTERNAL_ID);
    }
    if (sourceIdentity != null) {
      length(violations, "sourceIdentity", sourceIdentity, 2, 64);
      pattern(violations, "sourceIdentity", sourceIdentity, SESSION_NAME);
    }
    if (policy != null && policy.isEmpty()) {
      violations.add(value(policy, "policy") + "Member must have length greater than or equal to 1");
    }
    int tags = QueryLists.indexes(params, "Tags.member").size();
    if (tags > MAX_TAGS) {
      violations.add("Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to "
          + MAX_TAGS);
    }
    if (!violations.isEmpty()) {
      throw validation(violations.size() + " validation error" + (violations.size() == 1 ? "" : "s")
          + " detected: " + String.join("; ", violations));
    }
    Matcher arn = ROLE_ARN.matcher(roleArn);
    if (!arn.matches()) {
      throw validation(roleArn + " is invalid");
    }
    String account = arn.group(1);
    String roleName = arn.group(3);
    if (!caller.mayCall(ASSUME_ROLE) || !Accounts.trustsAssumeRole(account)) {
      throw new AwsError(403, "AccessDenied", "User: " + caller.arn()
          + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
    }
    boolean chained = caller.session() != null;
    if (chained && duration > CHAINED_MAX_DURATION_SECONDS) {
      throw validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role "
          + "chaining.");
    }

    SessionCredentials.Session session = sessions.issue(account, roleName, sessionName,
        Duration.ofSeconds(duration), chained);
    QueryXml xml = StsXml.result(ASSUME_ROLE)
        .start("Credentials")
        .element("AccessKeyId", session.accessKeyId())
        .element("SecretAccessKey", session.secretAccessKey())
        .element("SessionToken", session.sessionToken())
        .element("Expiration", StsXml.timestamp(session.expiration()))
        .end()
        .start("AssumedRoleUser")
        .element("AssumedRoleId", session.assumedRoleId())
        .element("Arn", session.arn())
        .end();
    int packed = packedPolicySize(params, policy);
    if (packed >= 0) {
      xml.element("PackedPolicySize", packed);
    }
    xml.element("SourceIdentity", sourceIdentity);
    return AwsResponse.ok(StsXml.CONTENT_TYPE, StsXml.finish(xml, call.request().requestId()));
  }

  /**
   * How much of the allowance the session policies and tags take, in percent (our estimate: AWS compresses
   * them in a way it does not document); -1 when none were sent, and AWS then leaves the element out.
   */
  private static int packedPolicySize(Map<String, List<String>> params, String policy) {
    int bytes = policy == null ? 0 : policy.length();
    boolean any = policy != null;
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      if (e.getKey().startsWith("PolicyArns.member.") || e.getKey().startsWith("Tags.member.")) {
        any = true;
        bytes += e.getValue().stream().mapToInt(String::length).sum();
      }
    }
    return any ? (int) Math.ceil(bytes * 100.0 / PACKED_POLICY_BUDGET) : -1;
  }

  private static String notNull(String member) {
    return "Value null at '" + member + "' failed to satisfy constraint: Member must not be null";
  }

  private static String value(String value, String member) {
    return "Value '" + value + "' at '" + member + "' failed to satisfy constraint: ";
  }

  private static void length(List<String> violations, String member, String value, int min, int max) {
    int length = value.codePointCount(0, value.length());
    if (length < min) {
      violations.add(value(value, member) + "Member must have length greater than or equal to " + min);
    } else if (length > max) {
      violations.add(value(value, member) + "Member must have length less than or equal to " + max);
    }
  }

  private static void pattern(List<String> violations, String member, String value, Pattern pattern) {
    if (!pattern.matcher(value).matches()) {
      violations.add(value(value, member) + "Member must satisfy regular expression pattern: " + pattern.pattern());
    }
  }

  private static AwsError validation(String message) {
    return new AwsError(400, "ValidationError", message);
  }
}
