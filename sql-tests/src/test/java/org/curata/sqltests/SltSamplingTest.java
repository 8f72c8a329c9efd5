package org.curata.sqltests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which scripts and queries a sampled corpus run chooses. */
final class SltSamplingTest {
  @Test
  void spreadQueriesAreEvenlySpacedAndStartAtTheFirst() {
    SltSampling s = new SltSampling(3, 0, SltSampling.Mode.SPREAD);
    assertArrayEquals(new boolean[] {true, false, false, true, false, false, true, false, false},
        s.chooseQueries(9));
    assertArrayEquals(new boolean[] {true, true}, s.chooseQueries(2));
  }

  @Test
  void firstModeTakesThePrefix() {
    SltSampling s = new SltSampling(2, 0, SltSampling.Mode.FIRST);
    assertArrayEquals(new boolean[] {true, true, false, false}, s.chooseQueries(4));
  }

  @Test
  void noLimitChoosesEverything() {
    assertArrayEquals(new boolean[] {true, true, true}, SltSampling.NONE.chooseQueries(3));
    assertFalse(SltSampling.NONE.isSampled());
    assertEquals("", SltSampling.NONE.commandLine());
  }

  @Test
  void scriptsAreEvenlySpacedPerDirectoryInSortedOrder() {
    List<String> scripts = List.of("test/a/s0.test", "test/a/s1.test", "test/a/s2.test", "test/a/s3.test",
        "test/b/s0.test", "test/select1.test");
    assertEquals(List.of("test/a/s0.test", "test/a/s2.test", "test/b/s0.test", "test/select1.test"),
        new SltSampling(0, 2, SltSampling.Mode.SPREAD).chooseScripts(scripts));
  }

  @Test
  void roundRobinTakesOneScriptPerDirectoryPerRound() {
    assertEquals(List.of("test/a/s0.test", "test/b/s0.test", "test/a/s1.test", "test/a/s2.test"),
        SltSampling.roundRobin(List.of("test/a/s0.test", "test/a/s1.test", "test/a/s2.test", "test/b/s0.test")));
  }

  @Test
  void resultCountsNotSampledApartFromNotRun() {
    SltFileResult r = new SltFileResult("test/x.test", 10, new SltSampling(4, 0, SltSampling.Mode.SPREAD), false, 0);
    assertEquals(4, r.queriesSampled());
    assertEquals(6, r.queriesNotSampled());
    assertEquals(4, r.queriesNotRun());
    assertEquals(7, r.lastSampledOrdinal());
  }

  @Test
  void negativeLimitsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new SltSampling(-1, 0, SltSampling.Mode.SPREAD));
  }
}
