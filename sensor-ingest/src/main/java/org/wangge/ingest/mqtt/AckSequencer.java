package org.wangge.ingest.mqtt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends MQTT acknowledgements in the order the messages arrived, each only once it and every
 * earlier one is safe. MQTT requires PUBACKs in PUBLISH order, while the alarm log finishes
 * partitions in any order.
 *
 * <p>One instance serves one network connection: packet ids are only meaningful on the connection
 * that delivered them, so {@link #close()} drops whatever is still pending (the broker redelivers
 * it on the next connection) and later {@link #safe} calls do nothing. Thread-safe; acks are sent
 * under the lock, so they leave in order even when several threads report safety at once.
 */
final class AckSequencer {

  /** Sends one acknowledgement; must not block (Paho only queues the packet). */
  @FunctionalInterface
  interface Acker {
    void ack(int messageId, int qos) throws Exception;
  }

  /** One received message awaiting its acknowledgement. */
  static final class Ticket {
    final int messageId;
    final int qos;
    boolean safe;

    private Ticket(int messageId, int qos) {
      this.messageId = messageId;
      this.qos = qos;
    }
  }

  private final Acker acker;
  private final ArrayDeque<Ticket> pending = new ArrayDeque<>();
  private boolean closed;

  AckSequencer(Acker acker) {
    this.acker = acker;
  }

  /** Registers a message in arrival order; call from the thread that receives messages. */
  synchronized Ticket arrived(int messageId, int qos) {
    Ticket t = new Ticket(messageId, qos);
    if (!closed) {
      pending.addLast(t);
    }
    return t;
  }

  /**
   * Marks a message safe and acknowledges it together with every later one that is already safe,
   * unless an earlier one is still pending.
   *
   * @return the ids acknowledged now, in order
   */
  synchronized List<Integer> safe(Ticket ticket) {
    ticket.safe = true;
    List<Integer> acked = new ArrayList<>();
    while (!closed && !pending.isEmpty() && pending.peekFirst().safe) {
      Ticket t = pending.pollFirst();
      try {
        acker.ack(t.messageId, t.qos);
        acked.add(t.messageId);
      } catch (Exception e) {
        // The connection is gone: nothing more can be acknowledged on it.
        closed = true;
        pending.clear();
      }
    }
    return acked;
  }

  /** Messages received but not yet acknowledged. */
  synchronized int pending() {
    return pending.size();
  }

  /** Stops acknowledging; the pending messages are left for redelivery. */
  synchronized void close() {
    closed = true;
    pending.clear();
  }
}
