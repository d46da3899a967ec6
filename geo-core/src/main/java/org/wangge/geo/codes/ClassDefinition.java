package org.wangge.geo.codes;

import java.util.Objects;

/**
 * One row of the class catalogue: a major class (2 digits) or a minor class (4 or 5 digits).
 *
 * @param accuracy required position accuracy; only for component minor classes, else {@code null}
 * @param manholeCover true for covers and grates that tilt and open (only component minor classes)
 * @param note provenance or caveat, never {@code null}
 */
public record ClassDefinition(
    ClassKind kind,
    ClassCode code,
    String zhName,
    String enName,
    AccuracyClass accuracy,
    boolean manholeCover,
    String note) {

  public ClassDefinition {
    Objects.requireNonNull(kind, "class kind");
    Objects.requireNonNull(code, "class code");
    if (zhName == null || zhName.isBlank()) {
      throw new IllegalArgumentException(kind + " class " + code + ": Chinese name is missing");
    }
    if (enName == null || enName.isBlank()) {
      throw new IllegalArgumentException(kind + " class " + code + ": English name is missing");
    }
    boolean componentMinor = kind == ClassKind.COMPONENT && !code.isMajor();
    if (accuracy != null && !componentMinor) {
      throw new IllegalArgumentException(
          kind
              + " class "
              + code
              + ": accuracy class "
              + accuracy
              + " applies to component minor classes only");
    }
    if (manholeCover && !componentMinor) {
      throw new IllegalArgumentException(
          kind + " class " + code + ": only a component minor class can be a manhole cover");
    }
    zhName = zhName.strip();
    enName = enName.strip();
    note = note == null ? "" : note.strip();
  }

  public static ClassDefinition major(ClassKind kind, String major, String zhName, String enName) {
    return new ClassDefinition(kind, ClassCode.parse(major), zhName, enName, null, false, "");
  }

  public static ClassDefinition component(
      String code, String zhName, String enName, AccuracyClass accuracy, boolean manholeCover) {
    return new ClassDefinition(
        ClassKind.COMPONENT, ClassCode.parse(code), zhName, enName, accuracy, manholeCover, "");
  }

  public static ClassDefinition event(String code, String zhName, String enName) {
    return new ClassDefinition(
        ClassKind.EVENT, ClassCode.parse(code), zhName, enName, null, false, "");
  }

  public boolean isMajor() {
    return code.isMajor();
  }

  public String major() {
    return code.major();
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase() + " " + code + " " + zhName;
  }
}
