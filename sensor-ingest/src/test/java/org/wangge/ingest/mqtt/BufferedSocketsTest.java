package org.wangge.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class BufferedSocketsTest {

  @Test
  void aSocketHandsOutOneBufferedStreamThatReadsWhatWasSent() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Socket client = new BufferedSockets().createSocket();
      client.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
      try (client;
          Socket peer = server.accept()) {
        byte[] packet = new byte[100_000];
        for (int i = 0; i < packet.length; i++) {
          packet[i] = (byte) (i * 31);
        }
        OutputStream out = peer.getOutputStream();
        out.write(0x30);
        out.write(packet);
        out.flush();

        InputStream in = client.getInputStream();
        assertThat(in).isInstanceOf(BufferedInputStream.class).isSameAs(client.getInputStream());
        DataInputStream data = new DataInputStream(in);
        assertThat(data.readUnsignedByte()).isEqualTo(0x30);
        byte[] read = new byte[packet.length];
        data.readFully(read);
        assertThat(read).isEqualTo(packet);
      }
    }
  }

  @Test
  void theConnectingFactoryMethodsConnect() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket s =
            new BufferedSockets()
                .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket peer = server.accept()) {
      assertThat(s.isConnected()).isTrue();
      peer.getOutputStream().write(7);
      assertThat(s.getInputStream().read()).isEqualTo(7);
    }
  }
}
