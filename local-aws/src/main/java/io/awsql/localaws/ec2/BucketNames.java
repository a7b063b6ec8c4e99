package io.awsql.localaws.ec2;

import java.util.regex.Pattern;

/** Amazon S3's rules for general purpose bucket names. */
final class BucketNames {
  private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private BucketNames() {}

  /** What is wrong with the name, or null when S3 would accept it. */
  static String problem(String name) {
    if (name.length() < 3 || name.length() > 63) {
      return "Bucket names are 3 to 63 characters long; this one has " + name.length() + ".";
    }
    if (!ALLOWED.matcher(name).matches()) {
      return "Bucket names use only lowercase letters, digits, dots and hyphens, and begin and end with a letter"
          + " or digit.";
    }
    if (name.contains("..")) {
      return "Bucket names may not contain two adjacent dots.";
    }
    if (IP_ADDRESS.matcher(name).matches()) {
      return "Bucket names may not be formatted as an IP address.";
    }
    if (name.startsWith("xn--") || name.startsWith("sthree-")) {
      return "Bucket names may not start with 'xn--' or 'sthree-'.";
    }
    if (name.endsWith("-s3alias") || name.endsWith("--ol-s3") || name.endsWith(".mrap") || name.endsWith("--x-s3")) {
      return "Bucket names may not end with '-s3alias', '--ol-s3', '.mrap' or '--x-s3'.";
    }
    return null;
  }
}
