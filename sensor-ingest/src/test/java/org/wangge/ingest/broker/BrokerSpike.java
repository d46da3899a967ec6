package org.wangge.ingest.broker;

import java.nio.file.Path;
public class BrokerSpike {
  public static void main(String[] a) throws Exception {
    var b = EmbeddedBroker.start(BrokerSettings.local(Path.of("/tmp/spike-broker"), "platform", "pw"),
        (u, p) -> new String(p).equals("secret-" + u));
    System.out.println("PORT " + b.port());
    Thread.sleep(Long.parseLong(a[0]));
    b.close();
    System.out.println("CLOSED");
  }
}
