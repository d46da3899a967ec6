package org.wangge.bench.alarms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the broker that can hold the bytes of one direction back and cut every
 * connection, dropping what it held: a broker or network failure at a chosen moment.
 */
final class CuttingProxy implements AutoCloseable {

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final Object gate = new Object();
  private boolean holdUpstream;
  private boolean holdDownstream;

  CuttingProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    start("proxy-accept", this::acceptLoop);
  }

  String url() {
    return "tcp://127.0.0.1:" + server.getLocalPort();
  }

  /** Connections accepted so far. */
  int accepted() {
    return accepted.get();
  }

  /** From now on, keeps client → broker ({@code upstream}) and/or broker → client bytes back. */
  void hold(boolean upstream, boolean downstream) {
    synchronized (gate) {
      holdUpstream = upstream;
      holdDownstream = downstream;
    }
  }

  /** Closes every connection, dropping held bytes; new connections pass freely. */
  void cut() {
    for (Socket s : open) {
      closeQuietly(s);
    }
    open.clear();
    synchronized (gate) {
      holdUpstream = false;
      holdDownstream = false;
      gate.notifyAll();
    }
  }

  @Override
  public void close() {
    closeQuietly(server);
    cut();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket broker = new Socket();
        broker.setTcpNoDelay(true);
        client.setTcpNoDelay(true);
        broker.connect(target);
        open.add(client);
        open.add(broker);
        accepted.incrementAndGet();
        start("proxy-up", () -> copy(client, broker, true));
        start("proxy-down", () -> copy(broker, client, false));
      } catch (IOException e) {
        // server closed, or the broker refused: the client sees its connection end
      }
    }
  }

  private void copy(Socket from, Socket to, boolean upstream) {
    byte[] buffer = new byte[8192];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buffer)) > 0; ) {
        synchronized (gate) {
          while (upstream ? holdUpstream : holdDownstream) {
            gate.wait();
          }
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // one side closed or cut
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void start(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // closed anyway
    }
  }
}
