package io.awsql.localaws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the EC2 Query protocol's flattened lists ({@code ImageId.1}, {@code Filter.2.Value.3}) back into
 * lists, ordered by their 1-based index as AWS does (gaps allowed).
 */
public final class QueryLists {
  private QueryLists() {}

  /** Values of {@code prefix.N + suffix} for every N, in index order. */
  public static List<String> members(Map<String, List<String>> params, String prefix, String suffix) {
    Pattern p = Pattern.compile(Pattern.quote(prefix) + "\\.(\\d+)" + Pattern.quote(suffix));
    TreeMap<Integer, String> byIndex = new TreeMap<>();
    params.forEach((name, values) -> {
      Matcher m = p.matcher(name);
      if (m.matches() && !values.isEmpty()) {
        byIndex.put(Integer.parseInt(m.group(1)), values.get(0));
      }
    });
    return new ArrayList<>(byIndex.values());
  }

  /** The indexes N for which some {@code prefix.N.*} or {@code prefix.N} parameter exists. */
  public static List<Integer> indexes(Map<String, List<String>> params, String prefix) {
    Pattern p = Pattern.compile(Pattern.quote(prefix) + "\\.(\\d+)(\\..*)?");
    TreeMap<Integer, Boolean> found = new TreeMap<>();
    params.keySet().forEach(name -> {
      Matcher m = p.matcher(name);
      if (m.matches()) {
        found.put(Integer.parseInt(m.group(1)), true);
      }
    });
    return new ArrayList<>(found.keySet());
  }

  /** {@code Filter.N.Name} / {@code Filter.N.Value.M} as name → values; a filter with no name maps from null. */
  public static Map<String, List<String>> filters(Map<String, List<String>> params) {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    for (int n : indexes(params, "Filter")) {
      List<String> name = params.get("Filter." + n + ".Name");
      String filterName = name == null || name.isEmpty() ? null : name.get(0);
      filters.computeIfAbsent(filterName, k -> new ArrayList<>())
          .addAll(members(params, "Filter." + n + ".Value", ""));
    }
    return filters;
  }
}
