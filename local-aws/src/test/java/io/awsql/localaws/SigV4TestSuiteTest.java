package io.awsql.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AWS Signature Version 4 test suite (AWS's own vectors, src/test/resources/aws4_testsuite, Apache 2.0,
 * see its NOTICE): for every signed request, the canonical request and string to sign are exactly AWS's,
 * the verifier accepts it, and accepts nothing once a byte of a signed part is changed.
 */
class SigV4TestSuiteTest {
  private static final AccessKey EXAMPLE =
      new AccessKey("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Set.of());
  private static final Instant SIGNED_AT = Instant.parse("2015-08-30T12:36:00Z");
  private static final Pattern SIGNED_HEADERS = Pattern.compile("SignedHeaders=([^,]+),");
  /**
   * A vector whose published signature is that of get-vanilla although it signs one more header (a known
   * slip of the suite; its canonical request and string to sign are still checked).
   */
  private static final Set<String> SIGNATURE_NOT_OF_THIS_REQUEST = Set.of("get-vanilla-with-session-token");

  static Stream<Path> vectors() throws IOException, URISyntaxException {
    Path root = Path.of(SigV4TestSuiteTest.class.getResource("/aws4_testsuite").toURI());
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".sreq")).sorted().toList().stream();
    }
  }

  /** A request of the suite's .sreq form: request line, headers (with folded continuation lines), body. */
  static AwsRequest parse(String text) {
    String[] lines = text.split("\n", -1);
    String[] requestLine = lines[0].split(" ");
    String target = String.join(" ", Arrays.copyOfRange(requestLine, 1, requestLine.length - 1));
    int q = target.indexOf('?');
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String last = null;
    int i = 1;
    for (; i < lines.length && !lines[i].isEmpty(); i++) {
      String line = lines[i];
      if (Character.isWhitespace(line.charAt(0)) && last != null) {
        List<String> values = headers.get(last);
        values.set(values.size() - 1, values.get(values.size() - 1) + " " + line.strip());
        continue;
      }
      int colon = line.indexOf(':');
      last = line.substring(0, colon);
      headers.computeIfAbsent(last, k -> new ArrayList<>()).add(line.substring(colon + 1));
    }
    String body = i + 1 < lines.length ? String.join("\n", Arrays.copyOfRange(lines, i + 1, lines.length)) : "";
    return new AwsRequest("test", requestLine[0], q < 0 ? target : target.substring(0, q),
        q < 0 ? null : target.substring(q + 1), headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String sibling(Path sreq, String extension) throws IOException {
    String name = sreq.getFileName().toString().replace(".sreq", extension);
    return Files.readString(sreq.resolveSibling(name), StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void theCanonicalRequestAndStringToSignAreAwssAndTheSignatureVerifies(Path sreq) throws IOException {
    String name = sreq.getFileName().toString().replace(".sreq", "");
    AwsRequest request = parse(Files.readString(sreq, StandardCharsets.UTF_8).replace("\r\n", "\n"));
    Matcher signed = SIGNED_HEADERS.matcher(request.header("Authorization"));
    assertTrue(signed.find());
    List<String> signedHeaders = List.of(signed.group(1).split(";"));
    String canonical = SigV4.canonicalRequest(request, signedHeaders, SigV4.sha256Hex(request.body()), null);
    assertEquals(sibling(sreq, ".creq"), canonical, name + ": canonical request");
    assertEquals(sibling(sreq, ".sts"), SigV4.stringToSign("20150830T123600Z",
        "20150830/us-east-1/service/aws4_request", canonical), name + ": string to sign");
    if (SIGNATURE_NOT_OF_THIS_REQUEST.contains(name)) {
      return;
    }
    SigV4Verifier verifier = new SigV4Verifier(Map.of(EXAMPLE.accessKeyId(), EXAMPLE),
        Clock.fixed(SIGNED_AT.plusSeconds(60), ZoneOffset.UTC));
    Caller caller = verifier.verify(request, "service");
    assertEquals("us-east-1", caller.region());

    AwsRequest tampered = parse(Files.readString(sreq, StandardCharsets.UTF_8).replace("\r\n", "\n")
        .replace("X-Amz-Date:20150830T123600Z", "X-Amz-Date:20150830T123601Z"));
    AwsError e = assertThrows(AwsError.class, () -> verifier.verify(tampered, "service"), name);
    assertEquals("AuthFailure", e.code());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void aSignatureMadeLongAgoOrAheadHasExpired(Path sreq) throws IOException {
    AwsRequest request = parse(Files.readString(sreq, StandardCharsets.UTF_8).replace("\r\n", "\n"));
    for (Instant now : List.of(SIGNED_AT.plusSeconds(16 * 60), SIGNED_AT.minusSeconds(16 * 60))) {
      SigV4Verifier verifier =
          new SigV4Verifier(Map.of(EXAMPLE.accessKeyId(), EXAMPLE), Clock.fixed(now, ZoneOffset.UTC));
      AwsError e = assertThrows(AwsError.class, () -> verifier.verify(request, "service"));
      assertEquals("RequestExpired", e.code());
    }
  }
}
