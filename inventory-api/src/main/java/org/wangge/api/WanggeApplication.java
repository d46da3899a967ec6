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
    application(args).run(args);
  }

  /**
   * The application as {@link #main} runs it: the embedded database when none is configured, and
   * the start-up's database work ({@link StartupWork}) started as soon as the database is known,
   * before the context is built.
   */
  static SpringApplication application(String[] args) {
    SpringApplication app = new SpringApplication(WanggeApplication.class);
    app.addInitializers(new EmbeddedDefaults(), new StartupWork.Early(args));
    return app;
  }
}
