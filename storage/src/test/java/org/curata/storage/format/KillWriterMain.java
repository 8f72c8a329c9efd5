package org.curata.storage.format;

import java.nio.file.Path;
import java.util.List;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Transaction;

/**
 * A writer process for {@link ProcessKillTest}: commits version after version (each version's
 * content is a function of its id) until it is killed, or holds the writer lock.
 */
final class KillWriterMain {
  static final int BLOCK_ROWS = 16;

  private KillWriterMain() {
  }

  /** Usage: {@code <dataset dir> commit|hold}. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withBlockRows(BLOCK_ROWS))) {
      if (args[1].equals("hold")) {
        Transaction tx = ds.beginWrite("hold the lock");
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(120_000);
        tx.close();
        return;
      }
      System.out.println("ready");
      System.out.flush();
      while (true) {
        long v;
        try (Transaction tx = ds.beginWrite("kill test")) {
          v = tx.baseVersion().id() + 1;
          apply(tx, v);
          tx.commit();
        }
        System.out.println("committed " + v);
        System.out.flush();
        if (v % 4 == 0) {
          ds.vacuum(2);
        }
      }
    }
  }

  private static int logRows(long v) {
    return (int) (10 + (v * 37) % 90);
  }

  /** The changes that make version {@code v} from version {@code v - 1}. */
  static void apply(Transaction tx, long v) {
    DataFrameAppender log;
    if (v == 1) {
      log = tx.createDataFrame("log", List.of(
          new FieldSpec("id", FieldType.of(FieldKind.INT64), false),
          FieldSpec.of("val", FieldType.of(FieldKind.FLOAT64)),
          FieldSpec.of("s", FieldType.of(FieldKind.STRING)),
          FieldSpec.of("rare", FieldType.of(FieldKind.INT16))), List.of("id"), List.of("id"));
    } else {
      log = tx.append("log");
    }
    for (int r = 0; r < logRows(v); r++) {
      log.field(0).appendLong(v * 1000 + r);
      if (r % 4 == 0) {
        log.field(1).appendNull();
      } else {
        log.field(1).appendDouble(v + r * 0.25);
      }
      if (r % 5 == 0) {
        log.field(2).appendNull();
      } else {
        log.field(2).appendString("v" + v + "r" + r);
      }
      if (r % 7 == 0) {
        log.field(3).appendLong(r - 50);
      } else {
        log.field(3).appendNull();
      }
    }
    if (v % 3 == 0) {
      DataFrameAppender t = tx.createDataFrame("t" + v, List.of(
          FieldSpec.of("c", FieldType.of(FieldKind.INT32))), List.of(), List.of());
      for (int r = 0; r < v; r++) {
        t.field(0).appendLong(r * v);
      }
      if (v >= 6) {
        tx.dropDataFrame("t" + (v - 3));
      }
    }
  }

  /** Version {@code v}'s content in the form of {@link TestSupport#dump}. */
  static String expected(long v) {
    StringBuilder sb = new StringBuilder();
    if (v >= 1) {
      long rows = 0;
      StringBuilder id = new StringBuilder();
      StringBuilder val = new StringBuilder();
      StringBuilder s = new StringBuilder();
      StringBuilder rare = new StringBuilder();
      for (long u = 1; u <= v; u++) {
        for (int r = 0; r < logRows(u); r++) {
          rows++;
          id.append(' ').append(u * 1000 + r);
          val.append(' ').append(r % 4 == 0 ? "null" : Double.toString(u + r * 0.25));
          s.append(' ').append(r % 5 == 0 ? "null" : "\"v" + u + "r" + r + "\"");
          rare.append(' ').append(r % 7 == 0 ? Long.toString(r - 50) : "null");
        }
      }
      sb.append("df log rows=").append(rows).append(" sort=[id] pk=[id]\n");
      sb.append(" field id int64 NOT NULL:").append(id).append('\n');
      sb.append(" field val float64:").append(val).append('\n');
      sb.append(" field s string:").append(s).append('\n');
      sb.append(" field rare int16:").append(rare).append('\n');
    }
    long t = v - v % 3;
    if (t >= 3) {
      sb.append("df t").append(t).append(" rows=").append(t).append(" sort=[] pk=[]\n");
      sb.append(" field c int32:");
      for (long r = 0; r < t; r++) {
        sb.append(' ').append(r * t);
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
