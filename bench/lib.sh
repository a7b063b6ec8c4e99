# Shared by the bench scripts, which source it from the repository root.

# Builds the bench module and what it needs, and prints its classpath (written under bench/target/);
# bench/run builds once and hands the classpath on in BENCH_CLASSPATH.
bench_classpath() {
  if [ -n "${BENCH_CLASSPATH:-}" ]; then
    echo "$BENCH_CLASSPATH"
    return
  fi
  mvn -q -B -ntp -DskipTests install -pl bench -am >&2
  local cp_file="$PWD/bench/target/classpath.txt"
  mvn -q -B -ntp -pl bench dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
  echo "bench/target/classes:$(cat "$cp_file")"
}

# Starts local-aws as its own process ("$@" is the command that runs it, before its options) on a free
# port, waits until it serves, sets $endpoint, and stops it when the script exits.
start_local_aws() {
  local_aws_log="$(mktemp)"
  "$@" --port 0 >"$local_aws_log" 2>&1 &
  local_aws_pid=$!
  trap 'kill $local_aws_pid 2>/dev/null || true; rm -f "$local_aws_log"' EXIT
  for _ in $(seq 300); do
    endpoint="$(sed -n 's/^local-aws is serving on \(http:[^ ]*\).*/\1/p' "$local_aws_log")"
    [ -n "$endpoint" ] && return 0
    kill -0 "$local_aws_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "local-aws did not start:" >&2
  cat "$local_aws_log" >&2
  exit 1
}

# The median of the numbers on standard input, one per line.
median() {
  sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
