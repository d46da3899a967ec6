package org.wangge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class WanggeApplicationTest {

  /**
   * Spring Boot's launcher looks {@code main} up by reflection before the application runs; that
   * must not need Spring's classes (the launcher would search the jar's nested jars for them). Here
   * the application's classes are seen without any library: a method with a Spring type in its
   * signature would make the lookup fail.
   */
  @Test
  void mainIsFoundWithoutLoadingSpring() throws Exception {
    URL classes = WanggeApplication.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader alone =
        new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
      Class<?> app = Class.forName(WanggeApplication.class.getName(), false, alone);
      assertThatThrownBy(
              () -> Class.forName("org.springframework.boot.SpringApplication", false, alone))
          .isInstanceOf(ClassNotFoundException.class);

      Method main = app.getDeclaredMethod("main", String[].class);

      assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
      assertThat(main.getReturnType()).isEqualTo(void.class);
    }
  }
}
