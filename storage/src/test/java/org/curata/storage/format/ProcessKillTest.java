package org.curata.storage.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.curata.storage.CurataException;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.ErrorCode;
import org.curata.storage.OpenOptions;
import org.curata.storage.Transaction;
import org.curata.storage.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a real writer process with SIGKILL at random moments; every reopen finds a clean version. */
final class ProcessKillTest {
  @TempDir
  Path tmp;

  /** A started writer process and what it reported. */
  private static final class Writer {
    final Process process;
    final CountDownLatch ready = new CountDownLatch(1);
    final AtomicLong committed = new AtomicLong();
    final StringBuilder other = new StringBuilder();
    final Thread reader;

    Writer(Path dir, String mode) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp",
          System.getProperty("java.class.path"), KillWriterMain.class.getName(),
          dir.toString(), mode);
      pb.redirectErrorStream(true);
      process = pb.start();
      reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            if (line.equals("ready") || line.equals("locked")) {
              ready.countDown();
            } else if (line.startsWith("committed ")) {
              committed.set(Long.parseLong(line.substring(10)));
            } else {
              synchronized (other) {
                other.append(line).append('\n');
              }
            }
          }
        } catch (IOException e) {
          // The process was killed.
        }
      });
      reader.setDaemon(true);
      reader.start();
    }

    void awaitReady() throws InterruptedException {
      if (!ready.await(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        synchronized (other) {
          throw new AssertionError("writer did not start: " + other);
        }
      }
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      assertTrue(process.waitFor(30, TimeUnit.SECONDS));
      reader.join(10_000);
    }
  }

  @Test
  void killedWriterLeavesACommittedVersion() throws Exception {
    Path dir = tmp.resolve("ds");
    Datasets.open(dir, OpenOptions.defaults().withCreate(true)).close();
    long seed = System.nanoTime();
    System.out.println("ProcessKillTest seed " + seed);
    Random rnd = new Random(seed);
    long lastVersion = 0;
    int rounds = 15;
    for (int round = 0; round < rounds; round++) {
      Writer w = new Writer(dir, "commit");
      w.awaitReady();
      // On a loaded machine a writer may not commit within a fixed sleep; every round must see
      // at least one commit so that the run is not vacuous, then the kill lands at random.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (w.committed.get() <= lastVersion && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(rnd.nextInt(300));
      w.kill();
      synchronized (w.other) {
        assertEquals("", w.other.toString(), "writer output (seed " + seed + ")");
      }
      try (Dataset ds = Datasets.open(dir)) {
        long v = ds.snapshot().version().id();
        String where = "round " + round + " seed " + seed + " version " + v;
        assertTrue(v >= w.committed.get(), where + ": a reported commit was lost");
        assertTrue(v >= lastVersion, where + ": went back from " + lastVersion);
        assertEquals(KillWriterMain.expected(v), TestSupport.dump(ds), where);
        VerifyReport r = ds.verify();
        assertTrue(r.ok(), where + ": " + r.problems());
        lastVersion = v;
      }
    }
    assertTrue(lastVersion >= rounds, "the writers committed " + lastVersion + " versions");
  }

  @Test
  void aRefusedSecondWriterInThisProcessDoesNotDropTheHeldLock() throws Exception {
    Path dir = tmp.resolve("same-jvm");
    Datasets.open(dir, OpenOptions.defaults().withCreate(true)).close();
    try (Dataset first = Datasets.open(dir); Transaction held = first.beginWrite("holds the lock");
         Dataset second = Datasets.open(dir)) {
      CurataException e = org.junit.jupiter.api.Assertions.assertThrows(CurataException.class,
          () -> second.beginWrite("refused"));
      assertEquals(ErrorCode.WRITER_LOCKED, e.code());
      // POSIX drops all of a process's locks on a file when any descriptor of it is closed: the
      // refused attempt must not have released the lock the first writer still holds
      Writer w = new Writer(dir, "hold");
      try {
        assertTrue(w.process.waitFor(60, TimeUnit.SECONDS), "the other process got the lock");
        assertEquals(1, w.ready.getCount(), "the other process got the lock");
        synchronized (w.other) {
          assertTrue(w.other.toString().contains("another writer holds it"), w.other.toString());
        }
      } finally {
        w.kill();
      }
    }
  }

  @Test
  void writerInAnotherProcessHoldsTheLock() throws Exception {
    Path dir = tmp.resolve("lock");
    Datasets.open(dir, OpenOptions.defaults().withCreate(true)).close();
    Writer w = new Writer(dir, "hold");
    try {
      w.awaitReady();
      try (Dataset ds = Datasets.open(dir)) {
        CurataException e = org.junit.jupiter.api.Assertions.assertThrows(CurataException.class,
            () -> ds.beginWrite("blocked"));
        assertEquals(ErrorCode.WRITER_LOCKED, e.code());
        assertTrue(e.getMessage().contains("another writer holds it"), e.getMessage());
        assertEquals(0, ds.snapshot().version().id(), "readers are not blocked");
      }
    } finally {
      w.kill();
    }
    try (Dataset ds = Datasets.open(dir); Transaction tx = ds.beginWrite("after kill")) {
      assertEquals(List.of(), ds.snapshot().dataFrames());
      tx.commit();
    }
  }
}
