package org.wangge.api.casefile;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.wangge.api.Database;

/**
 * A few JDBC connections kept open for the alarm workers, one per worker at a time. A connection
 * that failed is closed, not returned, so a database restart costs one failed batch per worker.
 */
final class JdbcConnections implements AutoCloseable {

  private final Database database;
  private final BlockingQueue<Connection> idle;

  JdbcConnections(Database database, int size) {
    this.database = database;
    this.idle = new ArrayBlockingQueue<>(size);
  }

  Connection take() throws SQLException {
    Connection c = idle.poll();
    if (c == null || c.isClosed()) {
      c = database.connect();
      c.setAutoCommit(false);
    }
    return c;
  }

  void giveBack(Connection c) {
    if (!idle.offer(c)) {
      discard(c);
    }
  }

  void discard(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // already broken: that is why it is discarded
    }
  }

  @Override
  public void close() {
    Connection c;
    while ((c = idle.poll()) != null) {
      discard(c);
    }
  }
}
