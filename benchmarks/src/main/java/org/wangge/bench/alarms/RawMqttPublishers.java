package org.wangge.bench.alarms;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@link Publishers} on plain blocking sockets speaking MQTT 5.0 ({@link MqttWire}): a fraction of
 * Paho's CPU, so that the load generator leaves the machine's cores to the system under test.
 *
 * <p>Per connection: the sending thread writes PUBLISH packets into a buffer in {@link #pump} and
 * flushes it once at the end of the pump (one write per connection and pump, not per message); one
 * reader thread reads the PUBACKs, frees the window and, when the connection ends, reconnects.
 * Clean Start: on a new connection the broker knows nothing of earlier packet ids, so every message
 * in flight on the lost connection is sent again (DUP set, new packet id). A connection on which a
 * PUBACK is overdue by the retry interval is dropped, which sends everything in flight again.
 */
final class RawMqttPublishers extends CountingPublishers {

  private static final int KEEP_ALIVE_SECONDS = 60;
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final int BUFFER_BYTES = 1 << 16;
  private static final long MAX_RECONNECT_DELAY_NANOS = 2_000_000_000L;

  /** An open connection; its output stream belongs to the sending thread. */
  private static final class Session {
    final Socket socket;
    final BufferedOutputStream out;
    final DataInputStream in;
    final long pingAfterNanos;
    long lastWriteNanos = System.nanoTime();

    Session(Socket socket, int keepAliveSeconds) throws IOException {
      this.socket = socket;
      this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_BYTES);
      this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), BUFFER_BYTES));
      this.pingAfterNanos = keepAliveSeconds * 500_000_000L;
    }

    void kill() {
      try {
        socket.close();
      } catch (IOException e) {
        // closed anyway
      }
    }
  }

  /** One connection: its window of packet ids in flight, its queues and its reader thread. */
  private final class Link implements Runnable {
    final int index;
    final String clientId;
    final Thread reader;
    // In flight, by packet id (1..65535); guarded by this, like count, nextId, window, session.
    final Message[] inflight = new Message[65_536];
    final long[] sentNanos = new long[65_536];
    int count;
    int nextId;
    int window;
    volatile Session session;

    /** In flight when the connection ended or rejected by the broker; oldest first. */
    final ConcurrentLinkedQueue<Message> lost = new ConcurrentLinkedQueue<>();

    // The sending thread's own.
    final ArrayDeque<Message> retries = new ArrayDeque<>();
    final ArrayDeque<Message> backlog = new ArrayDeque<>();

    Link(int index, String clientId) {
      this.index = index;
      this.clientId = clientId;
      this.reader = new Thread(this, "mqtt-raw-" + index);
      reader.setDaemon(true);
    }

    /** Takes a packet id for {@code m} on {@code s}, or 0 when the window is full or s is gone. */
    synchronized int claim(Session s, Message m, long now) {
      if (session != s || count >= window) {
        return 0;
      }
      do {
        nextId = nextId == 65_535 ? 1 : nextId + 1;
      } while (inflight[nextId] != null);
      inflight[nextId] = m;
      sentNanos[nextId] = now;
      count++;
      return nextId;
    }

    synchronized Message release(int packetId) {
      Message m = inflight[packetId];
      if (m != null) {
        inflight[packetId] = null;
        count--;
      }
      return m;
    }

    synchronized void install(Session s, int receiveMaximum) {
      window = Math.min(inflightLimit, receiveMaximum);
      session = s;
    }

    /** Forgets the session and queues everything it had in flight to be sent again, in order. */
    void drain() {
      List<Integer> ids = new ArrayList<>();
      List<Message> again = new ArrayList<>();
      synchronized (this) {
        session = null;
        for (int id = 1; id <= 65_535 && ids.size() < count; id++) {
          if (inflight[id] != null) {
            ids.add(id);
          }
        }
        ids.sort(Comparator.comparingLong(id -> sentNanos[id]));
        for (int id : ids) {
          again.add(inflight[id]);
          inflight[id] = null;
        }
        count = 0;
      }
      lost.addAll(again);
    }

    synchronized boolean overdue(long now) {
      if (count == 0) {
        return false;
      }
      for (int id = 1; id <= 65_535; id++) {
        if (inflight[id] != null && now - sentNanos[id] > retryAfterNanos) {
          return true;
        }
      }
      return false;
    }

    synchronized int window() {
      return window;
    }

    Session connect() throws IOException {
      Socket socket = new Socket();
      try {
        socket.setTcpNoDelay(true);
        socket.connect(address, CONNECT_TIMEOUT_MILLIS);
        socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
        Session s = new Session(socket, KEEP_ALIVE_SECONDS);
        MqttWire.writeConnect(s.out, clientId, KEEP_ALIVE_SECONDS);
        s.out.flush();
        MqttWire.ConnAck ack = MqttWire.connAck(MqttWire.read(s.in));
        if (ack.reasonCode() != 0) {
          throw new IOException(
              "broker refused " + clientId + ": reason 0x" + Integer.toHexString(ack.reasonCode()));
        }
        socket.setSoTimeout(0);
        install(s, ack.receiveMaximum());
        return s;
      } catch (IOException | RuntimeException e) {
        socket.close();
        throw e;
      }
    }

    /** Sends retries, then the backlog, as far as the window allows; one flush at the end. */
    void send(Session s, long now) {
      boolean wrote = false;
      try {
        while (true) {
          boolean dup = !retries.isEmpty();
          Message m = dup ? retries.peek() : backlog.peek();
          if (m == null) {
            break;
          }
          int id = claim(s, m, now);
          if (id == 0) {
            break;
          }
          (dup ? retries : backlog).poll();
          byte[] topic = m.topic().getBytes(StandardCharsets.UTF_8);
          MqttWire.writePublish(s.out, id, topic, m.payload(), dup);
          sends++;
          wrote = true;
        }
        if (!wrote && now - s.lastWriteNanos > s.pingAfterNanos) {
          MqttWire.writePingReq(s.out);
          wrote = true;
        }
        if (wrote) {
          s.out.flush();
          s.lastWriteNanos = now;
        }
      } catch (IOException e) {
        // The reader sees the closed socket and queues what was in flight again.
        s.kill();
      }
    }

    /** Reads PUBACKs; when the connection ends, reconnects (the reader thread's loop). */
    @Override
    public void run() {
      long delay = 0;
      while (!closed) {
        Session s = session;
        if (s == null) {
          Publishers.sleepQuietly(delay);
          delay = Math.min(MAX_RECONNECT_DELAY_NANOS, Math.max(100_000_000L, delay * 2));
          if (closed) {
            break;
          }
          try {
            s = connect();
            System.err.printf("raw MQTT connection %d: connected again%n", index);
          } catch (IOException e) {
            continue;
          }
        }
        try {
          while (true) {
            MqttWire.Packet p = MqttWire.read(s.in);
            if (p.type() == MqttWire.PUBACK) {
              acked(MqttWire.pubAckId(p), MqttWire.pubAckReason(p));
            } else if (p.type() == MqttWire.DISCONNECT) {
              throw new IOException("broker sent DISCONNECT " + describe(p));
            }
            // PINGRESP and anything else: nothing to do.
          }
        } catch (IOException | RuntimeException e) {
          if (!closed) {
            System.err.printf(
                "raw MQTT connection %d lost (%s); reconnecting%n", index, e.getMessage());
          }
        } finally {
          s.kill();
          drain();
        }
        delay = 0;
      }
    }

    private void acked(int packetId, int reason) {
      Message m = release(packetId);
      if (m == null) {
        return;
      }
      if (reason >= 0x80) {
        rejected.incrementAndGet();
        lost.add(m);
      } else {
        acked.incrementAndGet();
        listener.acked(m, System.nanoTime());
      }
    }
  }

  private final InetSocketAddress address;
  private final int inflightLimit;
  private final long retryAfterNanos;
  private final AckListener listener;
  private final Link[] links;
  private volatile boolean closed;
  private long lastStaleScan = System.nanoTime();

  /**
   * @param url {@code tcp://host:port} (port 1883 when omitted)
   * @throws IOException when a first connection fails
   */
  RawMqttPublishers(
      String url,
      String clientIdPrefix,
      int connections,
      int inflight,
      double retryAfterSeconds,
      AckListener listener)
      throws IOException {
    URI uri = URI.create(url);
    if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("MQTT URL " + url + " is not tcp://host:port");
    }
    this.address = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 1883 : uri.getPort());
    this.inflightLimit = inflight;
    this.retryAfterNanos = (long) (retryAfterSeconds * 1e9);
    this.listener = listener;
    this.links = new Link[connections];
    for (int i = 0; i < connections; i++) {
      links[i] = new Link(i, clientIdPrefix + "-" + i);
    }
    try {
      for (Link link : links) {
        link.connect();
      }
    } catch (IOException e) {
      close();
      throw new IOException("cannot connect to " + url + ": " + e.getMessage(), e);
    }
    for (Link link : links) {
      link.reader.start();
    }
  }

  @Override
  public int connections() {
    return links.length;
  }

  @Override
  public int window(int i) {
    return links[i].window();
  }

  @Override
  public void submit(Message m) {
    submitted++;
    links[m.connection()].backlog.add(m);
  }

  @Override
  public int pump() {
    long now = System.nanoTime();
    if (now - lastStaleScan > 1_000_000_000L) {
      lastStaleScan = now;
      for (Link link : links) {
        Session s = link.session;
        if (s != null && link.overdue(now)) {
          s.kill();
        }
      }
    }
    int waiting = 0;
    for (Link link : links) {
      for (Message m; (m = link.lost.poll()) != null; ) {
        link.retries.add(m);
        resends++;
      }
      Session s = link.session;
      if (s != null) {
        link.send(s, now);
      }
      waiting += link.retries.size() + link.backlog.size();
    }
    return waiting;
  }

  @Override
  public void close() {
    closed = true;
    for (Link link : links) {
      Session s = link.session;
      if (s != null) {
        try {
          MqttWire.writeDisconnect(s.out);
          s.out.flush();
        } catch (IOException e) {
          // closing anyway
        }
        s.kill();
      }
    }
    for (Link link : links) {
      try {
        link.reader.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String describe(MqttWire.Packet p) {
    return p.body().length > 0 ? "reason 0x" + Integer.toHexString(p.body()[0] & 0xFF) : "";
  }
}
