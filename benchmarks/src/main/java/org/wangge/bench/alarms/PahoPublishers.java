package org.wangge.bench.alarms;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * {@link Publishers} on Eclipse Paho MQTT v5 ({@link MqttAsyncClient}, one per connection). A
 * message is also sent again when no PUBACK came within the retry interval while its connection
 * stayed up. With it the load generator costs 0.47–0.62 core at 5,000 messages/s, against 0.19 with
 * {@link RawMqttPublishers} (docs/benchmarks.md).
 */
final class PahoPublishers extends CountingPublishers {

  /** A send of a message; it holds one permit of its connection's window until it completes. */
  private final class Attempt implements MqttActionListener {
    final Message message;
    final long sentNanos;
    final AtomicBoolean open = new AtomicBoolean(true);

    Attempt(Message message, long sentNanos) {
      this.message = message;
      this.sentNanos = sentNanos;
    }

    boolean close() {
      if (open.compareAndSet(true, false)) {
        windows[message.connection()].release();
        return true;
      }
      return false;
    }

    @Override
    public void onSuccess(IMqttToken token) {
      int[] codes = token.getReasonCodes();
      if (codes != null) {
        for (int code : codes) {
          if (code >= 0x80) {
            rejected.incrementAndGet();
            onFailure(token, null);
            return;
          }
        }
      }
      close();
      Attempt current = unacked.remove(message.seq());
      if (current != null) {
        // A later send of the same message may still be in flight: its PUBACK no longer matters.
        current.close();
        acked.incrementAndGet();
        listener.acked(message, System.nanoTime());
      }
    }

    @Override
    public void onFailure(IMqttToken token, Throwable exception) {
      if (close() && unacked.get(message.seq()) == this) {
        failed.add(message);
      }
    }
  }

  private final MqttAsyncClient[] clients;
  private final Semaphore[] windows;
  private final ArrayDeque<Message>[] backlogs;
  private final ConcurrentLinkedQueue<Message> failed = new ConcurrentLinkedQueue<>();
  private final Map<Long, Attempt> unacked = new ConcurrentHashMap<>();
  private final AckListener listener;
  private final long retryAfterNanos;
  private long lastStaleScan;
  private final int[] windowSizes;

  @SuppressWarnings("unchecked")
  PahoPublishers(
      String url,
      String clientIdPrefix,
      int connections,
      int inflight,
      double retryAfterSeconds,
      AckListener listener)
      throws MqttException {
    this.clients = new MqttAsyncClient[connections];
    this.windows = new Semaphore[connections];
    this.backlogs = new ArrayDeque[connections];
    this.windowSizes = new int[connections];
    this.listener = listener;
    this.retryAfterNanos = (long) (retryAfterSeconds * 1e9);
    for (int i = 0; i < connections; i++) {
      clients[i] = new MqttAsyncClient(url, clientIdPrefix + "-" + i, new MemoryPersistence());
      backlogs[i] = new ArrayDeque<>();
    }
    for (int i = 0; i < connections; i++) {
      MqttConnectionOptions options = new MqttConnectionOptions();
      // Our own retry keeps every message until PUBACK; a clean session keeps the broker's state
      // small and makes a reconnect after a broker restart look like any other.
      options.setCleanStart(true);
      options.setAutomaticReconnect(true);
      options.setAutomaticReconnectDelay(1, 2);
      options.setConnectionTimeout(10);
      options.setKeepAliveInterval(30);
      IMqttToken token = clients[i].connect(options);
      token.waitForCompletion(15_000);
      Integer receiveMaximum =
          token.getResponseProperties() == null
              ? null
              : token.getResponseProperties().getReceiveMaximum();
      windowSizes[i] = Math.min(inflight, receiveMaximum == null ? 65_535 : receiveMaximum);
      windows[i] = new Semaphore(windowSizes[i]);
    }
  }

  @Override
  public int connections() {
    return clients.length;
  }

  @Override
  public int window(int i) {
    return windowSizes[i];
  }

  @Override
  public void submit(Message m) {
    submitted++;
    backlogs[m.connection()].add(m);
  }

  @Override
  public int pump() {
    long now = System.nanoTime();
    if (now - lastStaleScan > 1_000_000_000L) {
      lastStaleScan = now;
      for (Iterator<Attempt> it = unacked.values().iterator(); it.hasNext(); ) {
        Attempt a = it.next();
        if (now - a.sentNanos > retryAfterNanos && a.close()) {
          failed.add(a.message);
        }
      }
    }
    for (Message m; (m = failed.poll()) != null; ) {
      backlogs[m.connection()].addFirst(m);
      resends++;
    }
    int waiting = 0;
    for (int c = 0; c < clients.length; c++) {
      ArrayDeque<Message> backlog = backlogs[c];
      if (clients[c].isConnected()) {
        while (!backlog.isEmpty() && windows[c].tryAcquire()) {
          send(backlog.poll());
        }
      }
      waiting += backlog.size();
    }
    return waiting;
  }

  private void send(Message m) {
    Attempt attempt = new Attempt(m, System.nanoTime());
    Attempt previous = unacked.put(m.seq(), attempt);
    if (previous != null) {
      previous.close();
    }
    sends++;
    try {
      MqttMessage message = new MqttMessage(m.payload());
      message.setQos(1);
      clients[m.connection()].publish(m.topic(), message, null, attempt);
    } catch (MqttException | RuntimeException e) {
      // Not connected, window full after a reconnect, or a client shutting down: try again later.
      attempt.onFailure(null, e);
    }
  }

  @Override
  public void close() {
    for (MqttAsyncClient client : clients) {
      try {
        if (client.isConnected()) {
          client.disconnect(2_000).waitForCompletion(3_000);
        }
        client.close(true);
      } catch (MqttException e) {
        // closing anyway
      }
    }
  }
}
