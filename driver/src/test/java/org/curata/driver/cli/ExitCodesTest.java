package org.curata.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.junit.jupiter.api.Test;

/** Tests of how failures map to exit codes and messages. */
final class ExitCodesTest {
  @Test
  void curataErrorsMapByCategory() {
    assertEquals(1, ExitCodes.of(new CurataException(ErrorCode.INVALID_INPUT, "bad")));
    assertEquals(1, ExitCodes.of(new CurataException(ErrorCode.WRITER_LOCKED, "locked")));
    assertEquals(1, ExitCodes.of(new CurataException(ErrorCode.UNSUPPORTED, "no")));
    assertEquals(3, ExitCodes.of(new CurataException(ErrorCode.CORRUPTION, "crc")));
    assertEquals(4, ExitCodes.of(new CurataException(ErrorCode.IO, "disk")));
    assertEquals(4, ExitCodes.of(new CurataException(ErrorCode.RESOURCE_EXHAUSTED, "mem")));
    assertEquals(5, ExitCodes.of(new CurataException(ErrorCode.INTERNAL, "bug")));
  }

  @Test
  void aCurataCauseWinsOverItsWrapper() {
    SQLException wrapped = new SQLException("checksum", "XX001",
        new CurataException(ErrorCode.CORRUPTION, "block 3: checksum mismatch"));
    assertEquals(3, ExitCodes.of(wrapped));
    assertEquals("checksum", ExitCodes.message(wrapped));
    assertEquals("block 3: checksum mismatch",
        ExitCodes.message(new RuntimeException("x", new CurataException(ErrorCode.CORRUPTION,
            "block 3: checksum mismatch"))));
  }

  @Test
  void sqlErrorsMapBySqlState() {
    assertEquals(1, ExitCodes.of(new SQLException("Column 'x' not found", "42S22")));
    assertEquals(1, ExitCodes.of(new SQLException("no state")));
    assertEquals(3, ExitCodes.of(new SQLException("corrupt", "XX001")));
    assertEquals(4, ExitCodes.of(new SQLException("disk", "58030")));
    assertEquals(5, ExitCodes.of(new SQLException("bug", "XX000")));
  }

  @Test
  void otherFailures() {
    assertEquals(1, ExitCodes.of(new UserException("no such dataset")));
    assertEquals(1, ExitCodes.of(new NoSuchFileException("/x.csv")));
    assertEquals("no such file: /x.csv", ExitCodes.message(new NoSuchFileException("/x.csv")));
    assertEquals(4, ExitCodes.of(new IOException("No space left on device")));
    assertEquals(5, ExitCodes.of(new IllegalStateException("oops")));
    assertEquals("java.lang.IllegalStateException", ExitCodes.message(new IllegalStateException()));
  }
}
