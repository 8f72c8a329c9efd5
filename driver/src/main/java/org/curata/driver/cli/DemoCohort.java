package org.curata.driver.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.curata.storage.CategoricalKey;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.FieldAppender;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.Transaction;

/**
 * Generates the demo cohort (patients and their assessments, modelled on the benchmark cohort)
 * straight into a transaction through the storage write API, deterministically from a seed.
 */
final class DemoCohort {
  /** The generator's version: a change to the data it makes must bump it. */
  static final int GENERATOR = 2;

  /** The symptom fields; the k-th is missing with probability 0.85 + 0.10 k / (n - 1). */
  static final List<String> SYMPTOMS = List.of("fatigue", "headache", "persistent_cough",
      "sore_throat", "fever", "loss_of_smell", "shortness_of_breath", "chills_or_shivers");

  /** How often each symptom is reported present when answered by someone not positive. */
  private static final double[] SYMPTOM_RATE = {0.30, 0.27, 0.15, 0.18, 0.06, 0.04, 0.06, 0.07};

  /** How much more often a positive test reports it (loss of smell stands out, as in the study). */
  private static final double[] POSITIVE_FACTOR = {1.8, 1.7, 2.5, 1.3, 4.0, 9.0, 2.5, 3.0};

  private static final long START_2020_03_24 = Instant.parse("2020-03-24T00:00:00Z").toEpochMilli();
  private static final long END_PATIENTS = Instant.parse("2021-03-31T00:00:00Z").toEpochMilli();
  private static final long END_ASSESSMENTS = Instant.parse("2021-04-01T00:00:00Z").toEpochMilli();

  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final int participants;
  private final int perParticipant;
  private final long seed;

  DemoCohort(int participants, int perParticipant, long seed) {
    if (participants < 1 || perParticipant < 1) {
      throw new IllegalArgumentException("sizes must be positive");
    }
    this.participants = participants;
    this.perParticipant = perParticipant;
    this.seed = seed;
  }

  /** Rows of the assessments dataframe. */
  long assessments() {
    return (long) participants * perParticipant;
  }

  /** The commit message that identifies a complete demo of these parameters. */
  String commitMessage() {
    return "curata demo: participants=" + participants + ", assessments-per-participant="
        + perParticipant + ", seed=" + seed + ", generator=" + GENERATOR;
  }

  /** Writes both dataframes into {@code tx}; {@code progress} counts rows written. */
  void write(Transaction tx, Progress progress) {
    long[] idHi = new long[participants];
    long[] idLo = new long[participants];
    writePatients(tx, idHi, idLo, progress);
    writeAssessments(tx, idHi, idLo, progress);
  }

  private static FieldType categorical(String... labels) {
    Map<Long, String> m = new TreeMap<>();
    for (int i = 0; i < labels.length; i++) {
      m.put((long) i, labels[i]);
    }
    return FieldType.categorical(new CategoricalKey(FieldKind.INT8, m));
  }

  private void writePatients(Transaction tx, long[] idHi, long[] idLo, Progress progress) {
    List<FieldSpec> fields = List.of(
        new FieldSpec("id", FieldType.fixedString(32), false),
        new FieldSpec("created_at", FieldType.of(FieldKind.TIMESTAMP), false),
        FieldSpec.of("year_of_birth", FieldType.of(FieldKind.INT32)),
        new FieldSpec("gender", categorical("female", "male", "other"), false),
        FieldSpec.of("bmi", FieldType.of(FieldKind.FLOAT64)),
        new FieldSpec("country", categorical("GB", "US", "SE", "IE", "CA"), false),
        new FieldSpec("healthcare_worker", FieldType.of(FieldKind.BOOL), false));
    DataFrameAppender df = tx.createDataFrame("patients", fields, List.of(), List.of("id"));
    FieldAppender id = df.field("id");
    FieldAppender createdAt = df.field("created_at");
    FieldAppender yob = df.field("year_of_birth");
    FieldAppender gender = df.field("gender");
    FieldAppender bmi = df.field("bmi");
    FieldAppender country = df.field("country");
    FieldAppender hcw = df.field("healthcare_worker");
    SplittableRandom r = new SplittableRandom(seed);
    byte[] buf = new byte[32];
    for (int i = 0; i < participants; i++) {
      idHi[i] = r.nextLong();
      idLo[i] = r.nextLong();
      hex(idHi[i], idLo[i], buf);
      id.appendBytes(buf, 0, 32);
      createdAt.appendLong(1000 * (START_2020_03_24 + r.nextLong(END_PATIENTS - START_2020_03_24)));
      if (r.nextDouble() < 0.05) {
        yob.appendNull();
      } else {
        yob.appendLong(1920 + r.nextInt(2006 - 1920 + 1));
      }
      gender.appendLong(pick(r.nextDouble(), 0.58, 0.40));
      if (r.nextDouble() < 0.30) {
        bmi.appendNull();
      } else {
        double v = Math.min(60, Math.max(14, 27 + 5.5 * gaussian(r)));
        bmi.appendDouble(Math.round(v * 100) / 100.0);
      }
      country.appendLong(pick(r.nextDouble(), 0.70, 0.20, 0.05, 0.03));
      hcw.appendLong(r.nextDouble() < 0.10 ? 1 : 0);
      if ((i & 0xFFFF) == 0xFFFF) {
        progress.stepBy(0x10000);
      }
    }
    progress.stepBy(participants & 0xFFFF);
  }

  private void writeAssessments(Transaction tx, long[] idHi, long[] idLo, Progress progress) {
    List<FieldSpec> fields = new ArrayList<>(List.of(
        new FieldSpec("id", FieldType.fixedString(32), false),
        new FieldSpec("patient_id", FieldType.fixedString(32), false),
        new FieldSpec("created_at", FieldType.of(FieldKind.TIMESTAMP), false),
        new FieldSpec("tested_covid_positive", categorical("", "waiting", "no", "yes"), false),
        FieldSpec.of("temperature", FieldType.of(FieldKind.FLOAT64))));
    for (String s : SYMPTOMS) {
      fields.add(FieldSpec.of(s, FieldType.of(FieldKind.INT8)));
    }
    fields.add(new FieldSpec("location",
        categorical("home", "hospital", "back_from_hospital", "icu"), false));
    DataFrameAppender df = tx.createDataFrame("assessments", fields, List.of("created_at"),
        List.of("id"));
    FieldAppender id = df.field("id");
    FieldAppender patientId = df.field("patient_id");
    FieldAppender createdAt = df.field("created_at");
    FieldAppender tested = df.field("tested_covid_positive");
    FieldAppender temperature = df.field("temperature");
    FieldAppender[] symptoms = new FieldAppender[SYMPTOMS.size()];
    for (int k = 0; k < symptoms.length; k++) {
      symptoms[k] = df.field(SYMPTOMS.get(k));
    }
    FieldAppender location = df.field("location");
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    long n = assessments();
    int loggers = Math.max(1, participants / 5);
    double span = END_ASSESSMENTS - START_2020_03_24;
    byte[] buf = new byte[32];
    for (long i = 0; i < n; i++) {
      hex(r.nextLong(), r.nextLong(), buf);
      id.appendBytes(buf, 0, 32);
      int p = r.nextBoolean() ? r.nextInt(loggers) : r.nextInt(participants);
      hex(idHi[p], idLo[p], buf);
      patientId.appendBytes(buf, 0, 32);
      // Stratified in time, so the rows come in created_at order, as an app's log does.
      long ms = START_2020_03_24 + (long) ((i + r.nextDouble()) * span / n);
      createdAt.appendLong(1000 * Math.min(ms, END_ASSESSMENTS - 1));
      int result = pick(r.nextDouble(), 0.80, 0.02, 0.16);
      tested.appendLong(result);
      boolean positive = result == 3;
      if (r.nextDouble() < 0.70) {
        temperature.appendNull();
      } else {
        double fever = r.nextDouble() < (positive ? 0.30 : 0.05) ? 1.5 : 0;
        double t = Math.min(42, Math.max(34, 36.7 + fever + 0.5 * gaussian(r)));
        temperature.appendDouble(Math.round(t * 10) / 10.0);
      }
      for (int k = 0; k < symptoms.length; k++) {
        double missing = 0.85 + 0.10 * k / (symptoms.length - 1);
        if (r.nextDouble() < missing) {
          symptoms[k].appendNull();
        } else {
          double rate = positive ? SYMPTOM_RATE[k] * POSITIVE_FACTOR[k] : SYMPTOM_RATE[k];
          symptoms[k].appendLong(r.nextDouble() < rate ? 1 : 0);
        }
      }
      location.appendLong(pick(r.nextDouble(), 0.97, 0.02, 0.008));
      if ((i & 0xFFFF) == 0xFFFF) {
        progress.stepBy(0x10000);
      }
    }
    progress.stepBy(n & 0xFFFF);
  }

  /** The index of the bucket {@code u} falls in, given all bucket weights but the last. */
  private static int pick(double u, double... weights) {
    double acc = 0;
    for (int i = 0; i < weights.length; i++) {
      acc += weights[i];
      if (u < acc) {
        return i;
      }
    }
    return weights.length;
  }

  /** A standard normal variate (Box-Muller), deterministic for the generator's state. */
  private static double gaussian(SplittableRandom r) {
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
  }

  private static void hex(long hi, long lo, byte[] dst) {
    for (int k = 0; k < 16; k++) {
      dst[k] = HEX[(int) (hi >>> (60 - 4 * k)) & 0xF];
      dst[16 + k] = HEX[(int) (lo >>> (60 - 4 * k)) & 0xF];
    }
  }
}
