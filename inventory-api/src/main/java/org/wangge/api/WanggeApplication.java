package org.wangge.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.wangge.api.embedded.EmbeddedDefaults;

/**
 * The Wangge service. With no configuration it starts an embedded PostgreSQL, loads the demo sample
 * district on first start and prints where to open it; with {@code spring.r2dbc.url} set it uses
 * that PostgreSQL instead. {@code --scale=wujiang} loads the full Wujiang-size district.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WanggeApplication {

  public static void main(String[] args) throws Exception {
    if (org.wangge.api.embedded.UnpackedClassPath.relaunch(
        WanggeApplication.class.getName(), args)) {
      return;
    }
    SpringApplication app = new SpringApplication(WanggeApplication.class);
    app.addInitializers(new EmbeddedDefaults());
    app.run(args);
  }
}
