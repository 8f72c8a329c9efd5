package org.curata.adapter.exec;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory one query may fill with buffered rows (hash tables, sort runs, join builds).
 * Operators reserve before they buffer and release when they spill or finish; a refused
 * reservation is the signal to spill. Estimates count primitive bytes plus per-object overhead,
 * not exact heap use. Thread-safe.
 */
public final class MemoryBudget {
  private final long limit;
  private final AtomicLong used = new AtomicLong();
  private final AtomicLong peak = new AtomicLong();

  /** A budget of {@code limit} bytes. */
  public MemoryBudget(long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit " + limit);
    }
    this.limit = limit;
  }

  /** The budget in bytes. */
  public long limit() {
    return limit;
  }

  /** Bytes reserved now. */
  public long used() {
    return used.get();
  }

  /** The most bytes reserved at once. */
  public long peak() {
    return peak.get();
  }

  /** Reserves {@code bytes} if they fit; false (and nothing reserved) when they do not. */
  public boolean tryReserve(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes " + bytes);
    }
    while (true) {
      long u = used.get();
      long n = u + bytes;
      if (n > limit) {
        return false;
      }
      if (used.compareAndSet(u, n)) {
        peak.accumulateAndGet(n, Math::max);
        return true;
      }
    }
  }

  /** Reserves {@code bytes} even beyond the limit (for the minimum an operator needs to progress). */
  public void forceReserve(long bytes) {
    long n = used.addAndGet(bytes);
    peak.accumulateAndGet(n, Math::max);
  }

  /** Returns bytes reserved earlier. */
  public void release(long bytes) {
    used.addAndGet(-bytes);
  }
}
