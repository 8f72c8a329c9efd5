package org.curata.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.util.Map;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.junit.jupiter.api.Test;

/** Error codes to SQLStates, and unwrapping of Calcite's and Avatica's wrappers. */
final class SqlErrorsTest {
  @Test
  void everyCodeHasItsState() {
    Map<ErrorCode, String> expected = Map.ofEntries(
        Map.entry(ErrorCode.INVALID_INPUT, "22000"),
        Map.entry(ErrorCode.NOT_FOUND, "42S02"),
        Map.entry(ErrorCode.ALREADY_EXISTS, "42S01"),
        Map.entry(ErrorCode.WRITER_LOCKED, "40001"),
        Map.entry(ErrorCode.NOT_A_DATASET, "08001"),
        Map.entry(ErrorCode.CANCELLED, "57014"),
        Map.entry(ErrorCode.UNSUPPORTED, "0A000"),
        Map.entry(ErrorCode.CORRUPTION, "XX001"),
        Map.entry(ErrorCode.IO, "58030"),
        Map.entry(ErrorCode.RESOURCE_EXHAUSTED, "53000"),
        Map.entry(ErrorCode.INTERNAL, "XX000"));
    assertEquals(ErrorCode.values().length, expected.size());
    for (ErrorCode code : ErrorCode.values()) {
      SQLException e = SqlErrors.of(new CurataException(code, "m " + code));
      assertEquals(expected.get(code), e.getSQLState(), code.name());
      assertEquals("m " + code, e.getMessage());
    }
  }

  @Test
  void subclassesFollowTheStateClass() {
    assertInstanceOf(SQLFeatureNotSupportedException.class,
        SqlErrors.of(new CurataException(ErrorCode.UNSUPPORTED, "x")));
    assertInstanceOf(SQLSyntaxErrorException.class,
        SqlErrors.of(new CurataException(ErrorCode.NOT_FOUND, "x")));
    assertInstanceOf(SQLDataException.class,
        SqlErrors.of(new CurataException(ErrorCode.INVALID_INPUT, "x")));
    assertInstanceOf(SQLTransactionRollbackException.class,
        SqlErrors.of(new CurataException(ErrorCode.WRITER_LOCKED, "x")));
  }

  @Test
  void theCurataErrorIsFoundUnderAvaticasWrappers() {
    CurataException root = new CurataException(ErrorCode.CORRUPTION,
        "block 3 of field 'age' (file f1.blk): checksum mismatch, stored 0x1, computed 0x2;"
            + " run 'curata verify'");
    SQLException wrapped = new SQLException("Error while executing SQL \"select 1\": x",
        new RuntimeException("y", new SQLException("Error while preparing statement", root)));
    SQLException t = SqlErrors.translate(wrapped);
    assertEquals("XX001", t.getSQLState());
    assertEquals(root.getMessage(), t.getMessage());
    assertSame(root, t.getCause());
  }

  @Test
  void unknownErrorsKeepTheirOwnSqlException() {
    SQLException plain = new SQLException("Connection closed");
    assertSame(plain, SqlErrors.translate(plain));
    assertEquals("XX000", SqlErrors.translate(new IllegalStateException("bug")).getSQLState());
  }

  @Test
  void readOnlyHasItsOwnState() {
    assertEquals("25006", SqlErrors.of(new SqlErrors.ReadOnlyException("ro")).getSQLState());
  }
}
