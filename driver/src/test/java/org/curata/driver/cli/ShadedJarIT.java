package org.curata.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the self-contained jar after packaging (run by the "verify" phase, see driver/pom.xml):
 * its contents, {@code java -jar} on it, and the driver loaded in a class loader of its own, as
 * DBeaver, R or a BI tool loads it.
 */
final class ShadedJarIT {
  private static Path jar;

  @TempDir
  static Path tmp;

  @BeforeAll
  static void findJar() {
    String p = System.getProperty("curata.allJar");
    assertNotNull(p, "system property curata.allJar names the jar (set by driver/pom.xml)");
    jar = Path.of(p);
    assertTrue(Files.isRegularFile(jar), () -> jar + " was not built");
  }

  @Test
  void holdsTheDriverRelocatedLibrariesAndNoSignatures() throws IOException {
    List<String> names = new ArrayList<>();
    try (JarFile jf = new JarFile(jar.toFile())) {
      for (JarEntry e : Collections.list(jf.entries())) {
        names.add(e.getName());
      }
      assertEquals("org.curata.driver.cli.Main",
          jf.getManifest().getMainAttributes().getValue("Main-Class"));
      String services = new String(jf.getInputStream(jf.getEntry("META-INF/services/java.sql.Driver"))
          .readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(services.lines().anyMatch("org.curata.driver.CurataDriver"::equals), services);
    }
    for (String n : names) {
      assertFalse(n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"), n);
      assertFalse(n.startsWith("META-INF/versions/") && n.endsWith(".class"), n);
      for (String clash : List.of("com/google/common/", "com/fasterxml/jackson/", "org/roaringbitmap/",
          "de/siegmar/", "picocli/", "me/tongfei/", "com/google/protobuf/", "org/slf4j/")) {
        assertFalse(n.startsWith(clash), () -> n + " should have been relocated");
      }
    }
    for (String kept : List.of("org/apache/calcite/jdbc/Driver.class",
        "org/apache/calcite/linq4j/Enumerable.class", "org/codehaus/janino/",
        "org/curata/shaded/com/google/common/collect/ImmutableList.class",
        "org/curata/shaded/org/roaringbitmap/RoaringBitmap.class",
        "org/curata/shaded/picocli/CommandLine.class", "org/curata/driver/cli/Main.class")) {
      assertTrue(names.stream().anyMatch(n -> n.startsWith(kept)), () -> kept + " missing");
    }
  }

  @Test
  void runsTheDemoWithJavaJar() throws Exception {
    Path dir = tmp.resolve("demo-java-jar");
    ProcessResult version = java("--version");
    assertEquals(0, version.code(), version::toString);
    assertTrue(version.out().startsWith("curata "), version::toString);

    ProcessResult demo = java("demo", "--dir", dir.toString(), "--participants", "300",
        "--assessments-per-participant", "3");
    assertEquals(0, demo.code(), demo::toString);
    assertTrue(demo.out().contains("\n GB      |"), demo::toString);
    assertTrue(demo.out().contains("CurataTableScan"), demo::toString);

    ProcessResult sql = java("sql", dir.toString(), "-e",
        "SELECT count(*) AS n FROM patients WHERE country = 'GB' OR country <> 'GB'");
    assertEquals(0, sql.code(), sql::toString);
    assertEquals("   n\n-----\n 300\n(1 row)\n", sql.out());

    ProcessResult bad = java("sql", dir.toString(), "-e", "SELECT * FROM missing_table");
    assertEquals(1, bad.code(), bad::toString);
    assertTrue(bad.err().startsWith("curata sql: "), bad::toString);
  }

  @Test
  void theDriverWorksFromAClassLoaderOfItsOwn() throws Exception {
    Path dir = tmp.resolve("demo-loader");
    assertEquals(0, java("demo", "--dir", dir.toString(), "--participants", "200",
        "--assessments-per-participant", "2", "--no-queries").code());
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      Driver driver = null;
      for (Driver d : ServiceLoader.load(Driver.class, loader)) {
        if (d.getClass().getName().equals("org.curata.driver.CurataDriver")) {
          driver = d;
        }
      }
      assertNotNull(driver, "java.sql.Driver service lists org.curata.driver.CurataDriver");
      assertTrue(driver.acceptsURL("jdbc:curata:" + dir));
      try (Connection c = driver.connect("jdbc:curata:" + dir, new Properties());
           Statement s = c.createStatement()) {
        assertEquals(200, count(s, "SELECT count(*) FROM patients"));
        assertEquals(400, count(s, "SELECT count(*) FROM assessments a"
            + " JOIN patients p ON a.patient_id = p.id"));
        assertTrue(count(s, "SELECT count(*) FROM (SELECT tested_covid_positive, avg(temperature)"
            + " FROM assessments GROUP BY tested_covid_positive)") >= 1);
      }
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getLong(1);
    }
  }

  /** Exit code and output of a child JVM. */
  private record ProcessResult(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private static ProcessResult java(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
        .start();
    p.getOutputStream().close();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("java " + String.join(" ", args) + " did not finish");
    }
    return new ProcessResult(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
