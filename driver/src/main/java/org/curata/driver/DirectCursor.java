package org.curata.driver;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.util.AbstractCursor;
import org.apache.calcite.avatica.util.ArrayImpl;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.avatica.util.IteratorCursor;
import org.curata.adapter.exec.ResultRows;
import org.curata.storage.FieldKind;

/**
 * The cursor of a result set whose plan is wholly Curata's: the JDBC getters read the primitive
 * slots of the query's batches ({@link ResultRows}) instead of rows of boxed values.
 *
 * <p>Each column gets Avatica's own accessor for its type, over a getter that boxes the one value
 * asked for exactly as the boxed path does; where that accessor is the one this class knows
 * (Avatica's accessor for BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, VARCHAR,
 * DATE or TIMESTAMP over a value of the matching storage kind), the getters that type is read
 * with are served from the slots, computing what Avatica's accessor computes from the boxed value;
 * every other getter, and every getter when the cursor is not on a row, goes to Avatica's
 * accessor. So every value, conversion, {@code wasNull} and error is the boxed path's.
 *
 * <p>The cursor replaces Calcite's in the result set ({@link #install}) before the first row is
 * read. Calcite's result set keeps its cursor and the Enumerable's iterator to itself, so they are
 * read reflectively; if that fails (another Avatica), the result set simply stays on Calcite's.
 */
final class DirectCursor extends AbstractCursor {
  private static final Field CURSOR = field(AvaticaResultSet.class, "cursor");
  private static final Field COLUMNS = field(AvaticaResultSet.class, "columnMetaDataList");
  private static final Field ITERATOR = field(IteratorCursor.class, "iterator");
  private static final String AVATICA_ACCESSOR = AbstractCursor.class.getName() + "$";
  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

  /** Where the cursor stands, named as Avatica's iterator cursors name it in their errors. */
  private enum Position { CLOSED, BEFORE_START, OK, AFTER_END }

  /** 1583-01-01T00:00Z: from here on java.util.Date's calendar is the ISO (Gregorian) one. */
  private static final long GREGORIAN_MILLIS = -12212553600000L;
  /** 10000-01-01T00:00Z: below it a year has at most four digits. */
  private static final long YEAR_10000_MILLIS = 253402300800000L;

  private final ResultRows rows;
  /**
   * Whether the JVM's default time zone, and Avatica's copy of it, is UTC: then Avatica's
   * conversions of a date or timestamp to java.sql values (through LocalDateTime and the
   * default zone's wall clock) come down to the millisecond value less the calendar's offset,
   * for years 1583 to 9999, and {@link #timestamp} and {@link #date} compute that directly.
   */
  private final boolean utc;
  private Position position = Position.BEFORE_START;

  private DirectCursor(ResultRows rows) {
    this.rows = Objects.requireNonNull(rows, "rows");
    this.utc = isUtc(DateTimeUtils.DEFAULT_ZONE) && isUtc(TimeZone.getDefault());
  }

  /** Whether a zone has UTC's rules: offset 0, no daylight saving, no history (never throws). */
  private static boolean isUtc(TimeZone zone) {
    return UTC.hasSameRules(zone);
  }

  /** {@link DateTimeUtils#unixTimestampToSqlTimestamp}, without its detour when it is exact. */
  private Timestamp timestamp(long millis, Calendar calendar) {
    if (!utc || millis < GREGORIAN_MILLIS || millis >= YEAR_10000_MILLIS) {
      return DateTimeUtils.unixTimestampToSqlTimestamp(millis, calendar);
    }
    int offset = calendar != null ? calendar.getTimeZone().getOffset(millis) : 0;
    return new Timestamp(millis - offset);
  }

  /** {@link DateTimeUtils#unixDateToSqlDate}, without its detour when it is exact. */
  private Date date(int days, Calendar calendar) {
    long millis = days * DateTimeUtils.MILLIS_PER_DAY;
    if (!utc || millis < GREGORIAN_MILLIS || millis >= YEAR_10000_MILLIS) {
      return DateTimeUtils.unixDateToSqlDate(days, calendar);
    }
    int offset = calendar != null ? calendar.getTimeZone().getOffset(millis) : 0;
    return new Date(millis - offset);
  }

  /**
   * Puts a direct cursor into a result set that Calcite has just executed, if its rows are a
   * Curata query's (the plan is wholly Curata's) and none has been read yet.
   *
   * @return whether the result set now reads the batches directly
   */
  static boolean install(ResultSet raw) {
    if (CURSOR == null || COLUMNS == null || ITERATOR == null
        || !(raw instanceof AvaticaResultSet avatica)) {
      return false;
    }
    Object columns;
    Object iterator;
    try {
      Object cursor = CURSOR.get(avatica);
      if (!(cursor instanceof IteratorCursor)) {
        return false;
      }
      iterator = ITERATOR.get(cursor);
      columns = COLUMNS.get(avatica);
    } catch (IllegalAccessException e) {
      return false;
    }
    if (!(iterator instanceof ResultRows rows) || rows.started()
        || !(columns instanceof List<?> list) || list.size() != rows.columnCount()) {
      return false;
    }
    List<ColumnMetaData> metaData = new ArrayList<>(list.size());
    for (Object o : list) {
      metaData.add((ColumnMetaData) o);
    }
    avatica.execute2(new DirectCursor(rows), metaData);
    return true;
  }

  private static Field field(Class<?> owner, String name) {
    try {
      Field f = owner.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public List<Accessor> createAccessors(List<ColumnMetaData> types, Calendar localCalendar,
      ArrayImpl.Factory factory) {
    List<Accessor> boxed = super.createAccessors(types, localCalendar, factory);
    List<Accessor> out = new ArrayList<>(boxed.size());
    for (int c = 0; c < boxed.size(); c++) {
      out.add(direct(types.get(c), boxed.get(c), c, localCalendar));
    }
    return out;
  }

  /** The accessor that serves column {@code c} from its slots, or Avatica's if none does. */
  private Accessor direct(ColumnMetaData column, Accessor avatica, int c, Calendar localCalendar) {
    String name = avatica.getClass().getName();
    if (!name.startsWith(AVATICA_ACCESSOR)) {
      return avatica;
    }
    FieldKind kind = rows.type(c).kind();
    switch (name.substring(AVATICA_ACCESSOR.length())) {
      case "BooleanAccessor":
        return kind == FieldKind.BOOL ? new Integral(avatica, c, 64, true) : avatica;
      case "ByteAccessor":
        return kind == FieldKind.INT8 ? new Integral(avatica, c, 8, false) : avatica;
      case "ShortAccessor":
        return kind == FieldKind.INT16 || kind == FieldKind.UINT8
            ? new Integral(avatica, c, 16, false) : avatica;
      case "IntAccessor":
        return kind == FieldKind.INT32 || kind == FieldKind.UINT16
            ? new Integral(avatica, c, 32, false) : avatica;
      case "LongAccessor":
        return kind == FieldKind.INT64 || kind == FieldKind.UINT32
            ? new Integral(avatica, c, 64, false) : avatica;
      case "FloatAccessor":
        return kind == FieldKind.FLOAT32 ? new Floating(avatica, c, true) : avatica;
      case "DoubleAccessor":
        return kind == FieldKind.FLOAT64 ? new Floating(avatica, c, false) : avatica;
      case "StringAccessor":
        return kind == FieldKind.STRING || kind == FieldKind.FIXED_STRING
            || kind == FieldKind.CATEGORICAL ? new Text(avatica, c) : avatica;
      case "DateFromNumberAccessor":
        return kind == FieldKind.DATE ? new Days(avatica, c, localCalendar) : avatica;
      case "TimestampFromNumberAccessor":
        return kind == FieldKind.TIMESTAMP
            ? new Millis(avatica, c, localCalendar, column.precision) : avatica;
      default:
        return avatica;
    }
  }

  @Override
  protected Getter createGetter(int ordinal) {
    return new SlotGetter(ordinal);
  }

  @Override
  public boolean next() {
    if (rows.hasNext()) {
      rows.advance();
      position = Position.OK;
      return true;
    }
    position = Position.AFTER_END;
    return false;
  }

  @Override
  public void close() {
    position = Position.CLOSED;
    rows.close();
  }

  /** Boxes one value of the current row, as Avatica's getter over boxed rows reads it. */
  private final class SlotGetter extends AbstractGetter {
    private final int column;

    SlotGetter(int column) {
      this.column = column;
    }

    @Override
    public Object getObject() throws SQLException {
      if (position != Position.OK) {
        throw new SQLException(new NoSuchElementException(
            "Expecting cursor position to be Position.OK, actual is Position." + position));
      }
      Object o = rows.value(column);
      wasNull[0] = o == null;
      return o;
    }
  }

  /**
   * BOOLEAN, TINYINT, SMALLINT, INTEGER and BIGINT: Avatica's exact numeric accessors, whose
   * getters all derive from the value as a long (a BOOLEAN's being 1 or 0).
   */
  private final class Integral extends ForwardingAccessor {
    private final int column;
    private final int shift;
    private final boolean bool;

    /**
     * @param bits the width of the Java type the boxed path gives (Byte 8 ... Long 64)
     * @param bool whether the boxed value is a Boolean
     */
    Integral(Accessor delegate, int column, int bits, boolean bool) {
      super(delegate);
      this.column = column;
      this.shift = 64 - bits;
      this.bool = bool;
    }

    /** The value as the boxed accessor's getLong gives it, after setting wasNull. */
    private long value() {
      if (rows.isNull(column)) {
        wasNull[0] = true;
        return 0;
      }
      wasNull[0] = false;
      long v = rows.longValue(column);
      return bool ? (v != 0 ? 1 : 0) : (v << shift) >> shift;
    }

    @Override
    public long getLong() throws SQLException {
      return position == Position.OK ? value() : delegate.getLong();
    }

    @Override
    public int getInt() throws SQLException {
      return position == Position.OK ? (int) value() : delegate.getInt();
    }

    @Override
    public short getShort() throws SQLException {
      return position == Position.OK ? (short) value() : delegate.getShort();
    }

    @Override
    public byte getByte() throws SQLException {
      return position == Position.OK ? (byte) value() : delegate.getByte();
    }

    @Override
    public boolean getBoolean() throws SQLException {
      return position == Position.OK ? value() != 0 : delegate.getBoolean();
    }

    @Override
    public double getDouble() throws SQLException {
      return position == Position.OK ? (double) value() : delegate.getDouble();
    }

    @Override
    public float getFloat() throws SQLException {
      return position == Position.OK ? (float) value() : delegate.getFloat();
    }

    @Override
    public BigDecimal getBigDecimal() throws SQLException {
      if (position != Position.OK) {
        return delegate.getBigDecimal();
      }
      long v = value();
      return wasNull[0] ? null : BigDecimal.valueOf(v);
    }

    @Override
    public String getString() throws SQLException {
      if (position != Position.OK) {
        return delegate.getString();
      }
      long v = value();
      if (wasNull[0]) {
        return null;
      }
      return bool ? Boolean.toString(v != 0) : Long.toString(v);
    }
  }

  /** REAL and DOUBLE: Avatica's approximate numeric accessors. */
  private final class Floating extends ForwardingAccessor {
    private final int column;
    private final boolean single;

    /** @param single whether the boxed value is a Float (else a Double) */
    Floating(Accessor delegate, int column, boolean single) {
      super(delegate);
      this.column = column;
      this.single = single;
    }

    /** The value as the boxed accessor's getDouble gives it, after setting wasNull. */
    private double value() {
      if (rows.isNull(column)) {
        wasNull[0] = true;
        return 0d;
      }
      wasNull[0] = false;
      double d = rows.doubleValue(column);
      return single ? (double) (float) d : d;
    }

    @Override
    public double getDouble() throws SQLException {
      return position == Position.OK ? value() : delegate.getDouble();
    }

    @Override
    public float getFloat() throws SQLException {
      return position == Position.OK ? (float) value() : delegate.getFloat();
    }

    @Override
    public long getLong() throws SQLException {
      return position == Position.OK ? (long) value() : delegate.getLong();
    }

    @Override
    public int getInt() throws SQLException {
      return position == Position.OK ? (int) (long) value() : delegate.getInt();
    }

    @Override
    public short getShort() throws SQLException {
      return position == Position.OK ? (short) (long) value() : delegate.getShort();
    }

    @Override
    public byte getByte() throws SQLException {
      return position == Position.OK ? (byte) (long) value() : delegate.getByte();
    }

    @Override
    public boolean getBoolean() throws SQLException {
      return position == Position.OK ? (long) value() != 0L : delegate.getBoolean();
    }

    @Override
    public BigDecimal getBigDecimal() throws SQLException {
      if (position != Position.OK) {
        return delegate.getBigDecimal();
      }
      double v = value();
      return wasNull[0] ? null : BigDecimal.valueOf(v);
    }

    @Override
    public String getString() throws SQLException {
      if (position != Position.OK) {
        return delegate.getString();
      }
      double v = value();
      if (wasNull[0]) {
        return null;
      }
      return single ? Float.toString((float) v) : Double.toString(v);
    }
  }

  /** VARCHAR: Avatica's string accessor; a categorical reads as its label. */
  private final class Text extends ForwardingAccessor {
    private final int column;

    Text(Accessor delegate, int column) {
      super(delegate);
      this.column = column;
    }

    private String value() {
      String s = rows.string(column);
      wasNull[0] = s == null;
      return s;
    }

    @Override
    public String getString() throws SQLException {
      return position == Position.OK ? value() : delegate.getString();
    }

    @Override
    public Object getObject() throws SQLException {
      return position == Position.OK ? value() : delegate.getObject();
    }
  }

  /** DATE: Avatica's accessor of a date held as days since 1970-01-01. */
  private final class Days extends ForwardingAccessor {
    private final int column;
    private final Calendar localCalendar;

    Days(Accessor delegate, int column, Calendar localCalendar) {
      super(delegate);
      this.column = column;
      this.localCalendar = localCalendar;
    }

    /** Whether the value is NULL, after setting wasNull. */
    private boolean isNull() {
      boolean n = rows.isNull(column);
      wasNull[0] = n;
      return n;
    }

    @Override
    public Object getObject() throws SQLException {
      return getDate(localCalendar);
    }

    @Override
    public Date getDate(Calendar calendar) throws SQLException {
      if (position != Position.OK) {
        return delegate.getDate(calendar);
      }
      return isNull() ? null : date((int) rows.longValue(column), calendar);
    }

    @Override
    public Timestamp getTimestamp(Calendar calendar) throws SQLException {
      if (position != Position.OK) {
        return delegate.getTimestamp(calendar);
      }
      return isNull() ? null : timestamp(
          (long) (int) rows.longValue(column) * DateTimeUtils.MILLIS_PER_DAY, calendar);
    }

    @Override
    public String getString() throws SQLException {
      if (position != Position.OK) {
        return delegate.getString();
      }
      return isNull() ? null : DateTimeUtils.unixDateToString((int) rows.longValue(column));
    }
  }

  /** TIMESTAMP(p): Avatica's accessor of a timestamp held as milliseconds since 1970. */
  private final class Millis extends ForwardingAccessor {
    private final int column;
    private final Calendar localCalendar;
    private final int precision;

    Millis(Accessor delegate, int column, Calendar localCalendar, int precision) {
      super(delegate);
      this.column = column;
      this.localCalendar = localCalendar;
      this.precision = precision;
    }

    /** Whether the value is NULL, after setting wasNull. */
    private boolean isNull() {
      boolean n = rows.isNull(column);
      wasNull[0] = n;
      return n;
    }

    @Override
    public Object getObject() throws SQLException {
      return getTimestamp(localCalendar);
    }

    @Override
    public Timestamp getTimestamp(Calendar calendar) throws SQLException {
      if (position != Position.OK) {
        return delegate.getTimestamp(calendar);
      }
      return isNull() ? null : timestamp(rows.timestampMillis(column), calendar);
    }

    @Override
    public Date getDate(Calendar calendar) throws SQLException {
      Timestamp t = getTimestamp(calendar);
      return t == null ? null : new Date(t.getTime());
    }

    @Override
    public Time getTime(Calendar calendar) throws SQLException {
      Timestamp t = getTimestamp(calendar);
      return t == null ? null : new Time(t.getTime());
    }

    @Override
    public long getLong() throws SQLException {
      if (position != Position.OK) {
        return delegate.getLong();
      }
      return isNull() ? 0L : rows.timestampMillis(column);
    }

    @Override
    public String getString() throws SQLException {
      if (position != Position.OK) {
        return delegate.getString();
      }
      return isNull() ? null
          : DateTimeUtils.unixTimestampToString(rows.timestampMillis(column), precision);
    }
  }
}
