package io.awsql.spark;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads an awsql table through Spark's JDBC source, one Spark partition per predicate (one per account
 * and region), prints what each partition read and a count per account and region, and with
 * {@code --append} writes one row back with {@code mode("append")} (an INSERT, that is one
 * CreateStoreImageTask) and reads it again.
 *
 * <pre>
 * SparkInventory --url 'jdbc:awsql:...' [--table aws.ec2.store_image_tasks]
 *                [--partition "region = 'us-east-1'" --partition "region = 'us-west-2'" ...]
 *                [--append [--bucket NAME]]
 * </pre>
 *
 * <p>Spark logs errors only; {@code -Dawsql.spark.logLevel=INFO} shows more, among it the SQL each
 * partition sends ("Generated JDBC query to fetch data").
 */
public final class SparkInventory {
  private static final String DRIVER = "io.awsql.jdbc.AwsqlDriver";

  private SparkInventory() {}

  public static void main(String[] args) {
    String url = null;
    String table = "aws.ec2.store_image_tasks";
    List<String> predicates = new ArrayList<>();
    boolean append = false;
    String bucket = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = value(args, ++i);
        case "--table" -> table = value(args, ++i);
        case "--partition" -> predicates.add(value(args, ++i));
        case "--append" -> append = true;
        case "--bucket" -> bucket = value(args, ++i);
        default -> usage("unknown option " + args[i]);
      }
    }
    if (url == null) {
      usage("--url is required");
    }

    long started = System.nanoTime();
    SparkSession spark = SparkSession.builder()
        .appName("awsql-spark-inventory")
        .master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
    spark.sparkContext().setLogLevel(System.getProperty("awsql.spark.logLevel", "ERROR"));
    System.out.printf("Spark %s session started in %.1f s%n", spark.version(), seconds(started));
    int exitCode = 0;
    try {
      run(spark, url, table, predicates, append, bucket);
    } catch (Exception e) { // SparkException is checked in Java terms, though no Scala method declares it
      System.out.println();
      System.out.println("FAILED: " + innermostSqlMessage(e));
      exitCode = 1;
    } finally {
      spark.stop();
    }
    System.exit(exitCode);
  }

  private static void run(SparkSession spark, String url, String table, List<String> predicates, boolean append,
      String bucketOption) {
    Properties props = new Properties();
    // Spark removes its own options (driver, url, ...) before it calls the driver; awsql refuses unknown ones.
    props.setProperty("driver", DRIVER);

    // 1. Read: one partition per predicate; each is one awsql query with the predicate as its WHERE.
    long readStarted = System.nanoTime();
    Dataset<Row> inventory = read(spark, url, table, predicates, props).cache();
    int partitions = inventory.rdd().getNumPartitions();
    System.out.println();
    System.out.println("== read " + table + " through Spark JDBC: " + partitions + " partition(s)");
    System.out.println("columns: " + String.join(", ", inventory.columns()));

    List<long[]> perPartition = inventory.javaRDD()
        .mapPartitionsWithIndex((Function2<Integer, Iterator<Row>, Iterator<long[]>>) (index, rows) -> {
          long n = 0;
          while (rows.hasNext()) {
            rows.next();
            n++;
          }
          return List.of(new long[] {index, n}).iterator();
        }, true)
        .collect();
    long total = 0;
    for (long[] p : perPartition) {
      String predicate = predicates.isEmpty() ? "(no predicate: the connection's regions)" : predicates.get((int) p[0]);
      System.out.printf("partition %d: %4d rows   WHERE %s%n", p[0], p[1], predicate);
      total += p[1];
    }
    System.out.printf("total: %d rows (read in %.1f s)%n", total, seconds(readStarted));

    List<String> groupColumns = present(inventory, "account", "region");
    if (!groupColumns.isEmpty()) {
      Column[] by = groupColumns.stream().map(c -> col(c)).toArray(Column[]::new);
      System.out.println();
      System.out.println("== rows per " + String.join(" x ", groupColumns));
      inventory.groupBy(by).count().orderBy(by).show(100, false);
    }

    Row source = null;
    if (append) {
      source = pickSource(inventory);
    }
    inventory.unpersist(true);
    if (!append) {
      System.out.println("SUMMARY: read " + total + " rows in " + partitions + " partition(s); no append (--append not given)");
      return;
    }

    // 2. Append: one row, written with mode("append"); Spark sends INSERT INTO table ("col", ...) VALUES (?, ...).
    if (source == null) {
      throw new IllegalStateException("no row to copy for --append: the read found no Completed or Failed task");
    }
    List<String> sourceColumns = present(inventory, "account", "region");
    String amiId = source.getAs("amiId");
    String bucket = bucketOption != null ? bucketOption : source.<String>getAs("bucket");
    List<StructField> fields = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (String c : sourceColumns) {
      fields.add(DataTypes.createStructField(c, DataTypes.StringType, false));
      values.add(source.getAs(c));
    }
    fields.add(DataTypes.createStructField("amiId", DataTypes.StringType, false));
    values.add(amiId);
    fields.add(DataTypes.createStructField("bucket", DataTypes.StringType, false));
    values.add(bucket);
    StructType schema = DataTypes.createStructType(fields);
    Dataset<Row> newRows = spark.createDataFrame(List.of(RowFactory.create(values.toArray())), schema);

    System.out.println();
    System.out.println("== append to " + table + " with mode(\"append\"): one row, one CreateStoreImageTask");
    newRows.show(false);
    long appendStarted = System.nanoTime();
    Properties writeProps = new Properties();
    writeProps.putAll(props);
    // awsql has no transactions (each create takes effect at once): say so, and Spark does not warn about it.
    writeProps.setProperty("isolationLevel", "NONE");
    newRows.write().mode("append").jdbc(url, table, writeProps);
    System.out.printf("appended (%.1f s).%n", seconds(appendStarted));

    // 3. Read again (a new read, not the cache): the new task shows InProgress.
    System.out.println();
    System.out.println("== read again: tasks of " + amiId);
    Dataset<Row> again = read(spark, url, table, predicates, props).where(col("amiId").equalTo(amiId));
    List<String> shown = new ArrayList<>(sourceColumns);
    shown.addAll(List.of("amiId", "bucket", "s3objectKey", "storeTaskState", "progressPercentage", "taskStartTime"));
    again.select(shown.stream().map(c -> col(c)).toArray(Column[]::new))
        .orderBy(col("taskStartTime").desc()).show(false);
    long after = read(spark, url, table, predicates, props).count();

    System.out.println("SUMMARY: read " + total + " rows in " + partitions + " partition(s); wrote 1 row with "
        + "mode(\"append\") (" + String.join(", ", values.stream().map(String::valueOf).toList()) + "); rows now: "
        + after + " (" + (after - total) + " new" + (after == total ? ": with dryRun=true nothing is created" : "")
        + ")");
  }

  /** The message of the innermost SQLException (awsql's, with AWS's code and request id), else of {@code e}. */
  private static String innermostSqlMessage(Throwable e) {
    String message = String.valueOf(e);
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql) {
        message = sql.getClass().getSimpleName() + " (SQLState " + sql.getSQLState() + "): " + sql.getMessage();
      }
    }
    return message;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static Dataset<Row> read(SparkSession spark, String url, String table, List<String> predicates,
      Properties props) {
    return predicates.isEmpty()
        ? spark.read().jdbc(url, table, props)
        : spark.read().jdbc(url, table, predicates.toArray(String[]::new), props);
  }

  /** The wanted columns the table has (Spark keeps the table's spelling), in the order asked. */
  private static List<String> present(Dataset<Row> df, String... wanted) {
    Set<String> have = new LinkedHashSet<>();
    Arrays.stream(df.columns()).forEach(c -> have.add(c.toLowerCase(Locale.ROOT)));
    return Arrays.stream(wanted).filter(w -> have.contains(w.toLowerCase(Locale.ROOT))).toList();
  }

  /**
   * A task to store again: a Completed one (else a Failed one) whose AMI has no store in progress, since
   * EC2 refuses a second store of an AMI while one runs (IncorrectState).
   */
  private static Row pickSource(Dataset<Row> inventory) {
    List<String> where = new ArrayList<>(present(inventory, "account", "region"));
    where.add("amiId");
    Set<List<Object>> busy = new LinkedHashSet<>();
    inventory.where(col("storeTaskState").equalTo("InProgress")).collectAsList()
        .forEach(r -> busy.add(key(r, where)));
    for (String state : List.of("Completed", "Failed")) {
      for (Row r : inventory.where(col("storeTaskState").equalTo(state)).orderBy(col("taskStartTime").desc())
          .collectAsList()) {
        if (!busy.contains(key(r, where))) {
          return r;
        }
      }
    }
    return null;
  }

  private static List<Object> key(Row r, List<String> columns) {
    return columns.stream().map(c -> (Object) r.getAs(c)).toList();
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      usage(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static void usage(String problem) {
    System.err.println("SparkInventory: " + problem);
    System.err.println("usage: SparkInventory --url JDBC_URL [--table TABLE] [--partition PREDICATE]... "
        + "[--append [--bucket NAME]]");
    System.exit(2);
  }
}
