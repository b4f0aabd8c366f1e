package ncverify.reports.spark;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on 127.0.0.1 for the -Pspark tests: a master and two one-core workers in
 * child JVMs started from the Spark jars on the test class path, logs and work folders under a folder
 * of target/. A healthy cluster gives its workers SPARK_HOME/jars (the class path's jars, linked) and
 * SPARK_SCALA_VERSION; a broken one gives neither, so every executor fails to start with "Cannot find
 * any build directories" and the master removes the application after 10 failures (issue 16).
 */
public final class StandaloneCluster implements AutoCloseable {

  private static final long START_TIMEOUT_MILLIS = 120_000;

  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final List<Process> workers = new ArrayList<>();
  private final String master;

  private StandaloneCluster(Path dir, boolean healthy) throws IOException, InterruptedException {
    this.dir = dir;
    if (healthy) {
      sparkHome();
    }
    int port = freePort();
    master = "spark://127.0.0.1:" + port;
    start("master", healthy, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "" + port,
        "--webui-port", "" + freePort());
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (!listening(port)) {
      if (System.currentTimeMillis() > deadline) {
        close();
        throw new IllegalStateException("master did not start, see " + dir.resolve("master.log"));
      }
      Thread.sleep(250);
    }
    for (int w = 1; w <= 2; w++) {
      Path work = Files.createDirectories(dir.resolve("work" + w));
      workers.add(start("worker" + w, healthy, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
          "--cores", "1", "--memory", "1g", "--webui-port", "" + freePort(), "--work-dir", work.toString(), master));
    }
  }

  /** Starts a cluster logging into a new folder {@code target/<prefix>*}. */
  public static StandaloneCluster start(String prefix, boolean healthy) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), prefix).toAbsolutePath();
    return new StandaloneCluster(dir, healthy);
  }

  /** {@code spark://127.0.0.1:PORT}. */
  public String master() {
    return master;
  }

  /** The logs and work folders. */
  public Path dir() {
    return dir;
  }

  /** Worker {@code i} (1 or 2). */
  public Process worker(int i) {
    return workers.get(i - 1);
  }

  /** Stops the master and the workers (SIGTERM; a worker's executors go with it). */
  public void stopAll() {
    processes.forEach(Process::destroy);
  }

  private Process start(String name, boolean healthy, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    for (String p : List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio",
        "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref", "sun.nio.ch",
        "sun.nio.cs", "sun.security.action", "sun.util.calendar")) {
      cmd.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    if (healthy) {
      pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    } else {
      pb.environment().remove("SPARK_SCALA_VERSION");
    }
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  /** SPARK_HOME/jars for the workers' executor command: the test class path's jars, linked. */
  private void sparkHome() throws IOException {
    Path jars = Files.createDirectories(dir.resolve("spark-home").resolve("jars"));
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(e);
      if (e.endsWith(".jar") && Files.isRegularFile(p)) {
        Path link = jars.resolve(p.getFileName());
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, p.toAbsolutePath());
        }
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
