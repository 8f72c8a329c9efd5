package org.curata.adapter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Compiled statements of one schema, so that running the same query again on the same dataset
 * version skips parsing, planning and code generation. Entries are keyed by the statement's text
 * and settings and by the dataset version they were planned on: a commit makes every older plan
 * unreachable (it is dropped at the next lookup), so a cached plan never reads a stale version.
 * Least recently used entries go beyond the capacity. Thread-safe.
 */
public final class PlanCache {
  /** Plans kept per schema unless configured otherwise. */
  public static final int DEFAULT_CAPACITY = 256;

  private final int capacity;
  private final LinkedHashMap<String, Object> plans;
  private long version = Long.MIN_VALUE;
  private long hits;
  private long misses;

  /** A cache of at most {@code capacity} plans (0 disables caching). */
  public PlanCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    this.capacity = capacity;
    this.plans = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
        return size() > PlanCache.this.capacity;
      }
    };
  }

  /** The plan cached for a key at a dataset version, or null. */
  public synchronized Object get(String key, long versionId) {
    Objects.requireNonNull(key, "key");
    moveTo(versionId);
    Object p = plans.get(key);
    if (p == null) {
      misses++;
    } else {
      hits++;
    }
    return p;
  }

  /** Caches a plan made at a dataset version. */
  public synchronized void put(String key, long versionId, Object plan) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(plan, "plan");
    if (capacity == 0 || versionId < version) {
      return;
    }
    moveTo(versionId);
    plans.put(key, plan);
  }

  /** Lookups that found a plan. */
  public synchronized long hits() {
    return hits;
  }

  /** Lookups that found none. */
  public synchronized long misses() {
    return misses;
  }

  /** Plans held. */
  public synchronized int size() {
    return plans.size();
  }

  private void moveTo(long versionId) {
    if (versionId != version) {
      plans.clear();
      version = versionId;
    }
  }
}
