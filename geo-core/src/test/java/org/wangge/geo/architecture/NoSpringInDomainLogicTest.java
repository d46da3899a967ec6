package org.wangge.geo.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** geo-core is plain Java: the spatial engine must run inside any host, reactive or not. */
class NoSpringInDomainLogicTest {

  private final JavaClasses geoCore =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.wangge.geo");

  @Test
  void noSpring() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..")
        .because("geo-core is plain Java (ARCHITECTURE.md)")
        .check(geoCore);
  }

  @Test
  void noReactor() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("reactor..", "org.reactivestreams..")
        .because("geo-core answers synchronously; the service wraps it in Reactor types")
        .check(geoCore);
  }

  @Test
  void onlyIndexPackageUsesIndexInternals() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.wangge.geo.index..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.wangge.geo.index.internal..")
        .because("implementations hide behind the GridIndex and ComponentIndex interfaces")
        .check(geoCore);
  }
}
