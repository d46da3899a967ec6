package org.wangge.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.wangge.api.embedded.EmbeddedDefaults;

/**
 * The Wangge service. With no configuration it starts an embedded PostgreSQL, loads the demo sample
 * district on first start and prints where to open it; with {@code spring.r2dbc.url} set it uses
 * that PostgreSQL instead. {@code --scale=wujiang} loads the full Wujiang-size district.
 *
 * <p>Only {@link #main} is declared here, with JDK types in its signature: Spring Boot's launcher
 * finds {@code main} by reflection, which loads every type in the signatures of this class's
 * methods, and {@link SpringApplication} found through the executable jar's nested jars cost the
 * launcher JVM ~0.5 s before it could start the application's JVM (docs/benchmarks.md, "Start-up,
 * seventh pass"). {@link Start} holds the rest.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WanggeApplication {

  public static void main(String[] args) throws Exception {
    if (org.wangge.api.launch.UnpackedClassPath.relaunch(WanggeApplication.class, args)) {
      return;
    }
    Start.application(args).run(args);
    org.wangge.api.launch.UnpackedClassPath.started();
  }

  /** The application as {@link #main} runs it, apart from the launcher's class. */
  static final class Start {

    private Start() {}

    /**
     * The embedded database when none is configured, and the start-up's database work ({@link
     * StartupWork}) started as soon as the database is known, before the context is built.
     */
    static SpringApplication application(String[] args) {
      SpringApplication app = new SpringApplication(WanggeApplication.class);
      app.addInitializers(new EmbeddedDefaults(), new StartupWork.Early(args));
      return app;
    }
  }
}
