package org.curata.driver.cli;

import java.text.DecimalFormat;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error (count, rate and ETA) when a person is watching a terminal,
 * and nothing at all otherwise, so that scripts and logs stay clean.
 */
final class Progress implements AutoCloseable {
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /**
   * Starts a bar.
   *
   * @param streams where to draw; nothing is drawn unless {@link Streams#terminal()}
   * @param task the label before the bar
   * @param max the total in units, or -1 when unknown
   * @param unit the unit's name (" rows", " MB")
   * @param unitSize how many counted things make one unit
   */
  static Progress start(Streams streams, String task, long max, String unit, long unitSize) {
    if (!streams.terminal()) {
      return new Progress(null);
    }
    ProgressBar bar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(max)
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
        .setUnit(unit, unitSize)
        .setUpdateIntervalMillis(250)
        .showSpeed(new DecimalFormat(unitSize == 1 ? "#,##0" : "#,##0.0"))
        .setConsumer(new ConsoleProgressBarConsumer(streams.err()))
        .build();
    return new Progress(bar);
  }

  /** Sets the amount done so far. */
  void stepTo(long done) {
    if (bar != null) {
      bar.stepTo(done);
    }
  }

  /** Sets the total once it is known. */
  void maxHint(long max) {
    if (bar != null && bar.getMax() != max) {
      bar.maxHint(max);
    }
  }

  /** Adds to the amount done. */
  void stepBy(long n) {
    if (bar != null) {
      bar.stepBy(n);
    }
  }

  /** Shows a short note after the bar. */
  void note(String text) {
    if (bar != null) {
      bar.setExtraMessage(" " + text);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
