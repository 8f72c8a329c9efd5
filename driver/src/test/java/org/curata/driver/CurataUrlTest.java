package org.curata.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Properties;
import org.curata.storage.CurataException;
import org.curata.storage.EncodingPolicy;
import org.curata.storage.ErrorCode;
import org.curata.storage.OpenOptions;
import org.junit.jupiter.api.Test;

/** URL and property parsing. */
final class CurataUrlTest {
  @Test
  void pathAlone() {
    CurataUrl u = CurataUrl.parse("jdbc:curata:/data/covid", new Properties());
    assertEquals(Path.of("/data/covid"), u.directory());
    assertFalse(u.create());
    assertFalse(u.readOnly());
    assertEquals("main", u.schema());
    assertEquals(10_000, u.lockTimeoutMillis());
    assertEquals(OpenOptions.DEFAULT_BLOCK_ROWS, u.blockRows());
    assertEquals(EncodingPolicy.BY_DENSITY, u.encodingPolicy());
    assertEquals(EncodingPolicy.BY_DENSITY, u.openOptions().encodingPolicy());
  }

  @Test
  void blockEncodingForcesTheWritersEncoding() {
    assertEquals(EncodingPolicy.BY_DENSITY,
        CurataUrl.parse("jdbc:curata:/x;blockEncoding=auto", new Properties()).encodingPolicy());
    assertEquals(EncodingPolicy.DENSE,
        CurataUrl.parse("jdbc:curata:/x;BlockEncoding=Dense", new Properties()).encodingPolicy());
    Properties info = new Properties();
    info.setProperty("blockencoding", "sparse");
    CurataUrl u = CurataUrl.parse("jdbc:curata:/x", info);
    assertEquals(EncodingPolicy.SPARSE, u.encodingPolicy());
    assertEquals(EncodingPolicy.SPARSE, u.openOptions().encodingPolicy());
    assertFalse(u.calciteProperties().containsKey("blockencoding"));
  }

  @Test
  void urlPropertiesWinOverInfoAndKeysIgnoreCase() {
    Properties info = new Properties();
    info.setProperty("readonly", "false");
    info.setProperty("schema", "info");
    info.setProperty("timeZone", "UTC");
    CurataUrl u = CurataUrl.parse(
        "jdbc:curata:rel/dir;Create=TRUE;readOnly=true;schema=covid;lockTimeout=5;blockRows=3",
        info);
    assertEquals(Path.of("rel/dir").toAbsolutePath().normalize(), u.directory());
    assertTrue(u.create());
    assertTrue(u.readOnly());
    assertEquals("covid", u.schema());
    assertEquals(5, u.lockTimeoutMillis());
    assertEquals(3, u.blockRows());
    assertEquals("UTC", u.calciteProperties().getProperty("timeZone"));
    assertFalse(u.calciteProperties().containsKey("schema"));
  }

  @Test
  void badInputSaysWhatIsWrong() {
    assertMessage("names no dataset directory", "jdbc:curata:");
    assertMessage("names no dataset directory", "jdbc:curata:;create=true");
    assertMessage("'create' is not key=value", "jdbc:curata:/x;create");
    assertMessage("property create must be true or false, not 'yes'", "jdbc:curata:/x;create=yes");
    assertMessage("property lockTimeout must be a whole number, not 'soon'",
        "jdbc:curata:/x;lockTimeout=soon");
    assertMessage("property blockRows must be between 1 and 1048576, not 0",
        "jdbc:curata:/x;blockRows=0");
    assertMessage("property blockEncoding must be auto, dense or sparse, not 'roaring'",
        "jdbc:curata:/x;blockEncoding=roaring");
  }

  private static void assertMessage(String expected, String url) {
    CurataException e = assertThrows(CurataException.class,
        () -> CurataUrl.parse(url, new Properties()));
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
