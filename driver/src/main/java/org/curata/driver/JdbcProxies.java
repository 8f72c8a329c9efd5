package org.curata.driver;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The JDBC objects the driver hands out: Calcite's own (so {@code unwrap(CalciteConnection.class)}
 * and casts keep working) seen through a proxy that translates every exception leaving them with
 * {@link SqlErrors#translate}, closes the dataset with the connection, keeps autocommit on (each
 * statement is one atomic commit), and answers {@code getTypeInfo} with Curata's types. Result
 * sets, whose methods run once per row and value, are {@link CurataResultSet}s instead of proxies;
 * one whose plan is wholly Curata's reads the batches' vectors through a {@link DirectCursor}.
 */
final class JdbcProxies {
  private static final List<Class<?>> WRAPPED = List.of(Connection.class, Statement.class,
      DatabaseMetaData.class, ResultSet.class);

  private JdbcProxies() {
  }

  /**
   * Wraps a new connection; {@code onClose} runs after the connection itself is closed.
   *
   * @param directResults whether its result sets read a wholly Curata plan's vectors directly
   *     ({@link DirectCursor})
   */
  static Connection connection(Connection raw, AutoCloseable onClose, boolean directResults) {
    ConnectionHandler h = new ConnectionHandler(raw, onClose, directResults);
    Connection proxy = (Connection) proxy(raw, h);
    h.self = proxy;
    return proxy;
  }

  private static Object proxy(Object raw, InvocationHandler handler) {
    Set<Class<?>> interfaces = new LinkedHashSet<>();
    for (Class<?> c = raw.getClass(); c != null; c = c.getSuperclass()) {
      collect(c, interfaces);
    }
    return Proxy.newProxyInstance(raw.getClass().getClassLoader(),
        interfaces.toArray(new Class<?>[0]), handler);
  }

  private static void collect(Class<?> c, Set<Class<?>> out) {
    for (Class<?> i : c.getInterfaces()) {
      if (Modifier.isPublic(i.getModifiers())) {
        out.add(i);
      }
      collect(i, out);
    }
  }

  /** Common behaviour: delegate, translate exceptions, wrap JDBC objects returned. */
  private abstract static class Handler implements InvocationHandler {
    final Object target;
    Object self;
    private Object lastResultSet;
    private Object lastWrappedResultSet;

    Handler(Object target) {
      this.target = Objects.requireNonNull(target, "target");
    }

    /** The handler of the connection this object belongs to. */
    abstract ConnectionHandler connection();

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "equals":
          if (method.getParameterCount() == 1) {
            return proxy == args[0];
          }
          break;
        case "hashCode":
          if (method.getParameterCount() == 0) {
            return System.identityHashCode(proxy);
          }
          break;
        case "unwrap":
          if (args != null && args.length == 1 && args[0] instanceof Class
              && ((Class<?>) args[0]).isInstance(proxy)
              && !((Class<?>) args[0]).isInstance(target)) {
            return proxy;
          }
          break;
        default:
          break;
      }
      Object result;
      try {
        result = special(proxy, method, args);
        if (result == NOT_SPECIAL) {
          result = method.invoke(target, args);
        }
      } catch (InvocationTargetException e) {
        throw translate(method, e.getCause());
      } catch (SQLException | RuntimeException e) {
        throw translate(method, e);
      }
      return wrap(method, result);
    }

    /** Handles a method itself, or returns {@link #NOT_SPECIAL} to delegate it. */
    Object special(Object proxy, Method method, Object[] args) throws SQLException {
      return NOT_SPECIAL;
    }

    private Object wrap(Method method, Object result) {
      if (result == null || method.getName().equals("unwrap") || result instanceof Proxy
          || result instanceof CurataResultSet) {
        return result;
      }
      ConnectionHandler connection = connection();
      if (result == connection.target) {
        return connection.self;
      }
      if (result == target) {
        return self;
      }
      for (Class<?> c : WRAPPED) {
        // PreparedStatement and CallableStatement too: they extend Statement.
        if (c.isInstance(result) && (method.getReturnType().isAssignableFrom(c)
            || c.isAssignableFrom(method.getReturnType()))) {
          return child(result);
        }
      }
      return result;
    }

    /** The driver's object for a statement, result set or metadata object of the connection. */
    private Object child(Object raw) {
      if (raw instanceof ResultSet) {
        // the same wrapper each time (executeQuery, then getResultSet) for the same result set
        if (raw != lastResultSet) {
          // before the wrapper reads a row: the direct cursor replaces Calcite's from row one
          boolean direct = connection().directResults && DirectCursor.install((ResultSet) raw);
          lastWrappedResultSet = new CurataResultSet((ResultSet) raw,
              statement -> statement == target ? (Statement) self : (Statement) child(statement),
              direct);
          lastResultSet = raw;
        }
        return lastWrappedResultSet;
      }
      ConnectionHandler connection = connection();
      Handler h = raw instanceof DatabaseMetaData
          ? new MetaDataHandler(raw, connection)
          : new ChildHandler(raw, connection);
      Object p = proxy(raw, h);
      h.self = p;
      return p;
    }

    private static Throwable translate(Method method, Throwable t) {
      boolean declaresSql = false;
      for (Class<?> e : method.getExceptionTypes()) {
        if (e.isAssignableFrom(SQLException.class)) {
          declaresSql = true;
          break;
        }
      }
      if (!declaresSql) {
        return t;
      }
      return SqlErrors.translate(t);
    }
  }

  private static final Object NOT_SPECIAL = new Object();

  /** The connection: closes the dataset after itself; autocommit stays on. */
  private static final class ConnectionHandler extends Handler {
    private final AutoCloseable onClose;
    private final boolean directResults;

    ConnectionHandler(Object target, AutoCloseable onClose, boolean directResults) {
      super(target);
      this.onClose = Objects.requireNonNull(onClose, "onClose");
      this.directResults = directResults;
    }

    @Override
    ConnectionHandler connection() {
      return this;
    }

    @Override
    Object special(Object proxy, Method method, Object[] args) throws SQLException {
      Connection c = (Connection) target;
      switch (method.getName()) {
        case "close":
          if (method.getParameterCount() == 0) {
            if (c.isClosed()) {
              return null;
            }
            try {
              c.close();
            } finally {
              try {
                onClose.close();
              } catch (Exception e) {
                throw SqlErrors.translate(e);
              }
            }
            return null;
          }
          return NOT_SPECIAL;
        case "setAutoCommit":
          if (Boolean.FALSE.equals(args[0])) {
            throw new SQLFeatureNotSupportedException("Curata commits every statement"
                + " atomically on its own: autocommit cannot be turned off", "0A000");
          }
          return null;
        case "getAutoCommit":
          return Boolean.TRUE;
        case "commit":
          return null;
        case "rollback":
          if (method.getParameterCount() == 0) {
            throw new SQLFeatureNotSupportedException("Curata commits every statement"
                + " atomically on its own: there is nothing to roll back", "0A000");
          }
          return NOT_SPECIAL;
        default:
          return NOT_SPECIAL;
      }
    }
  }

  /** A statement, result set or metadata object of a connection. */
  private static class ChildHandler extends Handler {
    private final ConnectionHandler connection;

    ChildHandler(Object target, ConnectionHandler connection) {
      super(target);
      this.connection = Objects.requireNonNull(connection, "connection");
    }

    @Override
    final ConnectionHandler connection() {
      return connection;
    }
  }

  /** The metadata: getTypeInfo lists the types Curata stores. */
  private static final class MetaDataHandler extends ChildHandler {
    MetaDataHandler(Object target, ConnectionHandler connection) {
      super(target, connection);
    }

    @Override
    Object special(Object proxy, Method method, Object[] args) throws SQLException {
      if (method.getName().equals("getTypeInfo") && method.getParameterCount() == 0) {
        return TypeInfo.resultSet((Connection) connection().self);
      }
      return NOT_SPECIAL;
    }
  }
}
