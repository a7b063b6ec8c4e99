package io.awsql.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * Where a command reads and writes, passed in rather than taken from {@link System}, so tests run commands
 * in process; {@code terminal} says whether a person is at the keyboard (progress, no waiting on input).
 */
record Streams(InputStream in, PrintStream out, PrintStream err, boolean terminal) {}
