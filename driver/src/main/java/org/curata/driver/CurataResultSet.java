package org.curata.driver;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The driver's ResultSet: Calcite's, with every exception translated by
 * {@link SqlErrors#translate}. Written out rather than a {@link java.lang.reflect.Proxy} like the
 * driver's other JDBC objects because {@link #next} and the getters run once per row and value:
 * reflection there tripled the time to read a large result (see ResultSetOverhead in the tests).
 */
final class CurataResultSet implements ResultSet {
  private final ResultSet target;
  private final UnaryOperator<Statement> statements;
  private final boolean direct;

  /**
   * Wraps a result set.
   *
   * @param target Calcite's result set
   * @param statements gives the driver's statement for Calcite's (from {@link #getStatement})
   * @param direct whether the target reads a Curata plan's vectors through a {@link DirectCursor}
   */
  CurataResultSet(ResultSet target, UnaryOperator<Statement> statements, boolean direct) {
    this.target = Objects.requireNonNull(target, "target");
    this.statements = Objects.requireNonNull(statements, "statements");
    this.direct = direct;
  }

  /** Whether the getters read the batches' vectors directly (for tests). */
  boolean direct() {
    return direct;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    try {
      return target.unwrap(iface);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return true;
    }
    try {
      return target.isWrapperFor(iface);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Statement getStatement() throws SQLException {
    try {
      Statement raw = target.getStatement();
      return raw == null ? null : statements.apply(raw);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      target.close();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public String toString() {
    return "CurataResultSet(" + target + ")";
  }

  @Override
  public boolean absolute(int row) throws SQLException {
    try {
      return target.absolute(row);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void afterLast() throws SQLException {
    try {
      target.afterLast();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void beforeFirst() throws SQLException {
    try {
      target.beforeFirst();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void cancelRowUpdates() throws SQLException {
    try {
      target.cancelRowUpdates();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void clearWarnings() throws SQLException {
    try {
      target.clearWarnings();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void deleteRow() throws SQLException {
    try {
      target.deleteRow();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int findColumn(String columnLabel) throws SQLException {
    try {
      return target.findColumn(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean first() throws SQLException {
    try {
      return target.first();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Array getArray(String columnLabel) throws SQLException {
    try {
      return target.getArray(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Array getArray(int columnIndex) throws SQLException {
    try {
      return target.getArray(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public InputStream getAsciiStream(String columnLabel) throws SQLException {
    try {
      return target.getAsciiStream(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public InputStream getAsciiStream(int columnIndex) throws SQLException {
    try {
      return target.getAsciiStream(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Deprecated
  @Override
  public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
    try {
      return target.getBigDecimal(columnLabel, scale);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
    try {
      return target.getBigDecimal(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Deprecated
  @Override
  public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
    try {
      return target.getBigDecimal(columnIndex, scale);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
    try {
      return target.getBigDecimal(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public InputStream getBinaryStream(String columnLabel) throws SQLException {
    try {
      return target.getBinaryStream(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public InputStream getBinaryStream(int columnIndex) throws SQLException {
    try {
      return target.getBinaryStream(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Blob getBlob(String columnLabel) throws SQLException {
    try {
      return target.getBlob(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Blob getBlob(int columnIndex) throws SQLException {
    try {
      return target.getBlob(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean getBoolean(String columnLabel) throws SQLException {
    try {
      return target.getBoolean(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean getBoolean(int columnIndex) throws SQLException {
    try {
      return target.getBoolean(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public byte getByte(String columnLabel) throws SQLException {
    try {
      return target.getByte(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public byte getByte(int columnIndex) throws SQLException {
    try {
      return target.getByte(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public byte[] getBytes(String columnLabel) throws SQLException {
    try {
      return target.getBytes(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public byte[] getBytes(int columnIndex) throws SQLException {
    try {
      return target.getBytes(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Reader getCharacterStream(String columnLabel) throws SQLException {
    try {
      return target.getCharacterStream(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Reader getCharacterStream(int columnIndex) throws SQLException {
    try {
      return target.getCharacterStream(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Clob getClob(String columnLabel) throws SQLException {
    try {
      return target.getClob(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Clob getClob(int columnIndex) throws SQLException {
    try {
      return target.getClob(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int getConcurrency() throws SQLException {
    try {
      return target.getConcurrency();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public String getCursorName() throws SQLException {
    try {
      return target.getCursorName();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Date getDate(String columnLabel, Calendar cal) throws SQLException {
    try {
      return target.getDate(columnLabel, cal);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Date getDate(String columnLabel) throws SQLException {
    try {
      return target.getDate(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Date getDate(int columnIndex, Calendar cal) throws SQLException {
    try {
      return target.getDate(columnIndex, cal);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Date getDate(int columnIndex) throws SQLException {
    try {
      return target.getDate(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public double getDouble(String columnLabel) throws SQLException {
    try {
      return target.getDouble(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public double getDouble(int columnIndex) throws SQLException {
    try {
      return target.getDouble(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int getFetchDirection() throws SQLException {
    try {
      return target.getFetchDirection();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int getFetchSize() throws SQLException {
    try {
      return target.getFetchSize();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public float getFloat(String columnLabel) throws SQLException {
    try {
      return target.getFloat(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public float getFloat(int columnIndex) throws SQLException {
    try {
      return target.getFloat(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int getHoldability() throws SQLException {
    try {
      return target.getHoldability();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int getInt(String columnLabel) throws SQLException {
    try {
      return target.getInt(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    try {
      return target.getInt(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public long getLong(String columnLabel) throws SQLException {
    try {
      return target.getLong(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public long getLong(int columnIndex) throws SQLException {
    try {
      return target.getLong(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    try {
      return target.getMetaData();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Reader getNCharacterStream(String columnLabel) throws SQLException {
    try {
      return target.getNCharacterStream(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Reader getNCharacterStream(int columnIndex) throws SQLException {
    try {
      return target.getNCharacterStream(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public NClob getNClob(String columnLabel) throws SQLException {
    try {
      return target.getNClob(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public NClob getNClob(int columnIndex) throws SQLException {
    try {
      return target.getNClob(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public String getNString(String columnLabel) throws SQLException {
    try {
      return target.getNString(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public String getNString(int columnIndex) throws SQLException {
    try {
      return target.getNString(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    try {
      return target.getObject(columnLabel, type);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
    try {
      return target.getObject(columnLabel, map);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    try {
      return target.getObject(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    try {
      return target.getObject(columnIndex, type);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
    try {
      return target.getObject(columnIndex, map);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    try {
      return target.getObject(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Ref getRef(String columnLabel) throws SQLException {
    try {
      return target.getRef(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Ref getRef(int columnIndex) throws SQLException {
    try {
      return target.getRef(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int getRow() throws SQLException {
    try {
      return target.getRow();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public RowId getRowId(String columnLabel) throws SQLException {
    try {
      return target.getRowId(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public RowId getRowId(int columnIndex) throws SQLException {
    try {
      return target.getRowId(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public SQLXML getSQLXML(String columnLabel) throws SQLException {
    try {
      return target.getSQLXML(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public SQLXML getSQLXML(int columnIndex) throws SQLException {
    try {
      return target.getSQLXML(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public short getShort(String columnLabel) throws SQLException {
    try {
      return target.getShort(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    try {
      return target.getShort(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public String getString(String columnLabel) throws SQLException {
    try {
      return target.getString(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public String getString(int columnIndex) throws SQLException {
    try {
      return target.getString(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Time getTime(String columnLabel, Calendar cal) throws SQLException {
    try {
      return target.getTime(columnLabel, cal);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Time getTime(String columnLabel) throws SQLException {
    try {
      return target.getTime(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Time getTime(int columnIndex, Calendar cal) throws SQLException {
    try {
      return target.getTime(columnIndex, cal);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Time getTime(int columnIndex) throws SQLException {
    try {
      return target.getTime(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
    try {
      return target.getTimestamp(columnLabel, cal);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Timestamp getTimestamp(String columnLabel) throws SQLException {
    try {
      return target.getTimestamp(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
    try {
      return target.getTimestamp(columnIndex, cal);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Timestamp getTimestamp(int columnIndex) throws SQLException {
    try {
      return target.getTimestamp(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public int getType() throws SQLException {
    try {
      return target.getType();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public URL getURL(String columnLabel) throws SQLException {
    try {
      return target.getURL(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public URL getURL(int columnIndex) throws SQLException {
    try {
      return target.getURL(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Deprecated
  @Override
  public InputStream getUnicodeStream(String columnLabel) throws SQLException {
    try {
      return target.getUnicodeStream(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Deprecated
  @Override
  public InputStream getUnicodeStream(int columnIndex) throws SQLException {
    try {
      return target.getUnicodeStream(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    try {
      return target.getWarnings();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void insertRow() throws SQLException {
    try {
      target.insertRow();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    try {
      return target.isAfterLast();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    try {
      return target.isBeforeFirst();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean isClosed() throws SQLException {
    try {
      return target.isClosed();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean isFirst() throws SQLException {
    try {
      return target.isFirst();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean isLast() throws SQLException {
    try {
      return target.isLast();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean last() throws SQLException {
    try {
      return target.last();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void moveToCurrentRow() throws SQLException {
    try {
      target.moveToCurrentRow();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void moveToInsertRow() throws SQLException {
    try {
      target.moveToInsertRow();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean next() throws SQLException {
    try {
      return target.next();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean previous() throws SQLException {
    try {
      return target.previous();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void refreshRow() throws SQLException {
    try {
      target.refreshRow();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean relative(int rows) throws SQLException {
    try {
      return target.relative(rows);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean rowDeleted() throws SQLException {
    try {
      return target.rowDeleted();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean rowInserted() throws SQLException {
    try {
      return target.rowInserted();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean rowUpdated() throws SQLException {
    try {
      return target.rowUpdated();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    try {
      target.setFetchDirection(direction);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    try {
      target.setFetchSize(rows);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateArray(String columnLabel, Array x) throws SQLException {
    try {
      target.updateArray(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateArray(int columnIndex, Array x) throws SQLException {
    try {
      target.updateArray(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream x, int length) throws SQLException {
    try {
      target.updateAsciiStream(columnLabel, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream x, long length) throws SQLException {
    try {
      target.updateAsciiStream(columnLabel, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream x) throws SQLException {
    try {
      target.updateAsciiStream(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream x, int length) throws SQLException {
    try {
      target.updateAsciiStream(columnIndex, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream x, long length) throws SQLException {
    try {
      target.updateAsciiStream(columnIndex, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream x) throws SQLException {
    try {
      target.updateAsciiStream(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException {
    try {
      target.updateBigDecimal(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException {
    try {
      target.updateBigDecimal(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream x, int length) throws SQLException {
    try {
      target.updateBinaryStream(columnLabel, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream x, long length) throws SQLException {
    try {
      target.updateBinaryStream(columnLabel, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream x) throws SQLException {
    try {
      target.updateBinaryStream(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream x, int length) throws SQLException {
    try {
      target.updateBinaryStream(columnIndex, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream x, long length) throws SQLException {
    try {
      target.updateBinaryStream(columnIndex, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream x) throws SQLException {
    try {
      target.updateBinaryStream(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateBlob(String columnLabel, InputStream x, long length) throws SQLException {
    try {
      target.updateBlob(columnLabel, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateBlob(String columnLabel, InputStream x) throws SQLException {
    try {
      target.updateBlob(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateBlob(String columnLabel, Blob x) throws SQLException {
    try {
      target.updateBlob(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateBlob(int columnIndex, InputStream x, long length) throws SQLException {
    try {
      target.updateBlob(columnIndex, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateBlob(int columnIndex, InputStream x) throws SQLException {
    try {
      target.updateBlob(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateBlob(int columnIndex, Blob x) throws SQLException {
    try {
      target.updateBlob(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateBoolean(String columnLabel, boolean x) throws SQLException {
    try {
      target.updateBoolean(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateBoolean(int columnIndex, boolean x) throws SQLException {
    try {
      target.updateBoolean(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateByte(String columnLabel, byte x) throws SQLException {
    try {
      target.updateByte(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateByte(int columnIndex, byte x) throws SQLException {
    try {
      target.updateByte(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateBytes(String columnLabel, byte[] x) throws SQLException {
    try {
      target.updateBytes(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateBytes(int columnIndex, byte[] x) throws SQLException {
    try {
      target.updateBytes(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader x, int length) throws SQLException {
    try {
      target.updateCharacterStream(columnLabel, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader x, long length) throws SQLException {
    try {
      target.updateCharacterStream(columnLabel, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader x) throws SQLException {
    try {
      target.updateCharacterStream(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader x, int length) throws SQLException {
    try {
      target.updateCharacterStream(columnIndex, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
    try {
      target.updateCharacterStream(columnIndex, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader x) throws SQLException {
    try {
      target.updateCharacterStream(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateClob(String columnLabel, Reader x, long length) throws SQLException {
    try {
      target.updateClob(columnLabel, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateClob(String columnLabel, Reader x) throws SQLException {
    try {
      target.updateClob(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateClob(String columnLabel, Clob x) throws SQLException {
    try {
      target.updateClob(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateClob(int columnIndex, Reader x, long length) throws SQLException {
    try {
      target.updateClob(columnIndex, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateClob(int columnIndex, Reader x) throws SQLException {
    try {
      target.updateClob(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateClob(int columnIndex, Clob x) throws SQLException {
    try {
      target.updateClob(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateDate(String columnLabel, Date x) throws SQLException {
    try {
      target.updateDate(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateDate(int columnIndex, Date x) throws SQLException {
    try {
      target.updateDate(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateDouble(String columnLabel, double x) throws SQLException {
    try {
      target.updateDouble(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateDouble(int columnIndex, double x) throws SQLException {
    try {
      target.updateDouble(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateFloat(String columnLabel, float x) throws SQLException {
    try {
      target.updateFloat(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateFloat(int columnIndex, float x) throws SQLException {
    try {
      target.updateFloat(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateInt(String columnLabel, int x) throws SQLException {
    try {
      target.updateInt(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateInt(int columnIndex, int x) throws SQLException {
    try {
      target.updateInt(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateLong(String columnLabel, long x) throws SQLException {
    try {
      target.updateLong(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateLong(int columnIndex, long x) throws SQLException {
    try {
      target.updateLong(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateNCharacterStream(String columnLabel, Reader x, long length) throws SQLException {
    try {
      target.updateNCharacterStream(columnLabel, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateNCharacterStream(String columnLabel, Reader x) throws SQLException {
    try {
      target.updateNCharacterStream(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateNCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
    try {
      target.updateNCharacterStream(columnIndex, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateNCharacterStream(int columnIndex, Reader x) throws SQLException {
    try {
      target.updateNCharacterStream(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateNClob(String columnLabel, Reader x, long length) throws SQLException {
    try {
      target.updateNClob(columnLabel, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateNClob(String columnLabel, Reader x) throws SQLException {
    try {
      target.updateNClob(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateNClob(String columnLabel, NClob x) throws SQLException {
    try {
      target.updateNClob(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateNClob(int columnIndex, Reader x, long length) throws SQLException {
    try {
      target.updateNClob(columnIndex, x, length);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateNClob(int columnIndex, Reader x) throws SQLException {
    try {
      target.updateNClob(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateNClob(int columnIndex, NClob x) throws SQLException {
    try {
      target.updateNClob(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateNString(String columnLabel, String x) throws SQLException {
    try {
      target.updateNString(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateNString(int columnIndex, String x) throws SQLException {
    try {
      target.updateNString(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateNull(String columnLabel) throws SQLException {
    try {
      target.updateNull(columnLabel);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateNull(int columnIndex) throws SQLException {
    try {
      target.updateNull(columnIndex);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateObject(String columnLabel, Object x, int scaleOrLength) throws SQLException {
    try {
      target.updateObject(columnLabel, x, scaleOrLength);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateObject(String columnLabel, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
    try {
      target.updateObject(columnLabel, x, targetSqlType, scaleOrLength);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateObject(String columnLabel, Object x, SQLType targetSqlType) throws SQLException {
    try {
      target.updateObject(columnLabel, x, targetSqlType);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateObject(String columnLabel, Object x) throws SQLException {
    try {
      target.updateObject(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateObject(int columnIndex, Object x, int scaleOrLength) throws SQLException {
    try {
      target.updateObject(columnIndex, x, scaleOrLength);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateObject(int columnIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
    try {
      target.updateObject(columnIndex, x, targetSqlType, scaleOrLength);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateObject(int columnIndex, Object x, SQLType targetSqlType) throws SQLException {
    try {
      target.updateObject(columnIndex, x, targetSqlType);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateObject(int columnIndex, Object x) throws SQLException {
    try {
      target.updateObject(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateRef(String columnLabel, Ref x) throws SQLException {
    try {
      target.updateRef(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateRef(int columnIndex, Ref x) throws SQLException {
    try {
      target.updateRef(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateRow() throws SQLException {
    try {
      target.updateRow();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateRowId(String columnLabel, RowId x) throws SQLException {
    try {
      target.updateRowId(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateRowId(int columnIndex, RowId x) throws SQLException {
    try {
      target.updateRowId(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateSQLXML(String columnLabel, SQLXML x) throws SQLException {
    try {
      target.updateSQLXML(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateSQLXML(int columnIndex, SQLXML x) throws SQLException {
    try {
      target.updateSQLXML(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateShort(String columnLabel, short x) throws SQLException {
    try {
      target.updateShort(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateShort(int columnIndex, short x) throws SQLException {
    try {
      target.updateShort(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateString(String columnLabel, String x) throws SQLException {
    try {
      target.updateString(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateString(int columnIndex, String x) throws SQLException {
    try {
      target.updateString(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateTime(String columnLabel, Time x) throws SQLException {
    try {
      target.updateTime(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateTime(int columnIndex, Time x) throws SQLException {
    try {
      target.updateTime(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateTimestamp(String columnLabel, Timestamp x) throws SQLException {
    try {
      target.updateTimestamp(columnLabel, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void updateTimestamp(int columnIndex, Timestamp x) throws SQLException {
    try {
      target.updateTimestamp(columnIndex, x);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public boolean wasNull() throws SQLException {
    try {
      return target.wasNull();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }
}
