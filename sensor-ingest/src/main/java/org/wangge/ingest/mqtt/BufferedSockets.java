package org.wangge.ingest.mqtt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input stream is buffered. Paho's MQTT 5 client reads every packet through
 * a {@code DataInputStream} straight on the socket: one system call for the fixed header, one per
 * byte of the remaining length and one for the rest. Under thousands of messages a second that read
 * loop was a quarter of the ingest's CPU samples; through a buffer, one call reads all that has
 * arrived.
 */
final class BufferedSockets extends SocketFactory {

  static final int BUFFER = 64 * 1024;

  @Override
  public Socket createSocket() {
    return new BufferedInputSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  private static Socket connected(InetSocketAddress to, InetSocketAddress from) throws IOException {
    Socket s = new BufferedInputSocket();
    if (from != null) {
      s.bind(from);
    }
    s.connect(to);
    return s;
  }

  /** A socket that hands out one buffered input stream. */
  static final class BufferedInputSocket extends Socket {

    private InputStream in;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (in == null) {
        in = new BufferedInputStream(super.getInputStream(), BUFFER);
      }
      return in;
    }
  }
}
