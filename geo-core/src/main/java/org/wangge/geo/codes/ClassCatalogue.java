package org.wangge.geo.codes;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.wangge.geo.codes.internal.CsvTable;

/**
 * The component and event class catalogue (部件 / 事件分类) as data.
 *
 * <p>{@link #standard()} holds the classes of CJ/T 214 and GB/T 30428.2 that the districts use,
 * read from {@code component-classes.csv} and {@code event-classes.csv} next to this class. Local
 * classes (major 21 and the like) are added with {@link #withExtra(Reader, String)}, which returns
 * a new catalogue.
 *
 * <p>CSV columns (header required, any order, other columns ignored): {@code kind} (component |
 * event), {@code code} (2, 4 or 5 digits), {@code major} (must equal the code's first two digits),
 * {@code zh_name}, {@code en_name}, {@code accuracy} (A | B | C, component minor classes only, may
 * be empty), {@code manhole_cover} (yes | no | empty), {@code note}. Every minor class needs its
 * major class in the same catalogue.
 *
 * <p>Lookups try the exact code, then its {@link ClassCode#shortForm() short form}, so a 17-digit
 * component code of GB/T 47678.5 resolves to the 4-digit class of its 16-digit twin.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClassCatalogue {

  static final List<String> COLUMNS =
      List.of("kind", "code", "major", "zh_name", "en_name", "accuracy", "manhole_cover", "note");

  private static final class Standard {
    static final ClassCatalogue INSTANCE = loadStandard();
  }

  private final Map<ClassKind, SortedMap<ClassCode, ClassDefinition>> classes;

  private ClassCatalogue(Map<ClassKind, SortedMap<ClassCode, ClassDefinition>> classes) {
    this.classes = classes;
  }

  /** The shipped catalogue; loaded once. */
  public static ClassCatalogue standard() {
    return Standard.INSTANCE;
  }

  /**
   * Reads a catalogue from CSV (format in the class javadoc).
   *
   * @param source name used in error messages, e.g. the file name
   * @throws IllegalArgumentException naming the line of a malformed row, a duplicate code, or a
   *     minor class whose major class is missing
   */
  public static ClassCatalogue load(Reader csv, String source) {
    return empty().withExtra(csv, source);
  }

  /** Reads a catalogue from CSV; errors name the source as {@code "catalogue"}. */
  public static ClassCatalogue load(Reader csv) {
    return load(csv, "catalogue");
  }

  /** A catalogue of exactly these classes; every minor class needs its major class. */
  public static ClassCatalogue of(Collection<ClassDefinition> definitions) {
    return empty().withExtra(definitions);
  }

  private static ClassCatalogue empty() {
    Map<ClassKind, SortedMap<ClassCode, ClassDefinition>> none = new EnumMap<>(ClassKind.class);
    for (ClassKind kind : ClassKind.values()) {
      none.put(kind, new TreeMap<>());
    }
    return new ClassCatalogue(none);
  }

  /**
   * A new catalogue with the rows of {@code csv} added; a row whose kind and code exist already
   * replaces the existing class (a district renaming a class, or using 0210 for traffic lights).
   * This catalogue is unchanged.
   *
   * @throws IllegalArgumentException naming the line of a malformed row, of a code given twice in
   *     {@code csv}, or of a minor class whose major class is in neither catalogue
   */
  public ClassCatalogue withExtra(Reader csv, String source) {
    Map<ClassDefinition, Integer> lines = new HashMap<>();
    List<ClassDefinition> added = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (CsvTable.Row row : CsvTable.read(csv, source, COLUMNS)) {
      ClassDefinition def = toDefinition(row);
      Integer first = seen.putIfAbsent(def.kind() + " " + def.code(), row.line());
      if (first != null) {
        throw row.fail(
            def.kind().name().toLowerCase()
                + " class "
                + def.code()
                + " is already on line "
                + first);
      }
      lines.put(def, row.line());
      added.add(def);
    }
    return merge(added, def -> source + " line " + lines.get(def) + ": ");
  }

  /** A new catalogue with these classes added or replaced; this catalogue is unchanged. */
  public ClassCatalogue withExtra(Collection<ClassDefinition> definitions) {
    List<ClassDefinition> added = List.copyOf(definitions);
    Map<String, ClassDefinition> seen = new HashMap<>();
    for (ClassDefinition def : added) {
      if (seen.putIfAbsent(def.kind() + " " + def.code(), def) != null) {
        throw new IllegalArgumentException(
            def.kind().name().toLowerCase() + " class " + def.code() + " is given twice");
      }
    }
    return merge(added, def -> "");
  }

  private ClassCatalogue merge(
      List<ClassDefinition> added, Function<ClassDefinition, String> where) {
    Map<ClassKind, SortedMap<ClassCode, ClassDefinition>> merged = new EnumMap<>(ClassKind.class);
    for (ClassKind kind : ClassKind.values()) {
      merged.put(kind, new TreeMap<>(classes.get(kind)));
    }
    for (ClassDefinition def : added) {
      merged.get(def.kind()).put(def.code(), def);
    }
    for (ClassDefinition def : added) {
      if (!def.isMajor() && !merged.get(def.kind()).containsKey(def.code().majorClass())) {
        throw new IllegalArgumentException(
            where.apply(def)
                + def.kind().name().toLowerCase()
                + " class "
                + def.code()
                + " needs its major class "
                + def.major()
                + ", which is not in the catalogue");
      }
    }
    merged.replaceAll((kind, map) -> Collections.unmodifiableSortedMap(map));
    return new ClassCatalogue(merged);
  }

  /** The component class, trying the exact code and then its short form. */
  public Optional<ClassDefinition> component(ClassCode code) {
    return find(ClassKind.COMPONENT, code);
  }

  /** The class named by a 16- or 17-digit component code. */
  public Optional<ClassDefinition> component(ComponentCode code) {
    return component(Objects.requireNonNull(code, "component code").classCode());
  }

  public Optional<ClassDefinition> event(ClassCode code) {
    return find(ClassKind.EVENT, code);
  }

  /** The class of either kind, trying the exact code and then its short form. */
  public Optional<ClassDefinition> find(ClassKind kind, ClassCode code) {
    Objects.requireNonNull(kind, "class kind");
    Objects.requireNonNull(code, "class code");
    SortedMap<ClassCode, ClassDefinition> map = classes.get(kind);
    ClassDefinition def = map.get(code);
    return Optional.ofNullable(def != null ? def : map.get(code.shortForm()));
  }

  /**
   * @throws NoSuchElementException naming the code when the catalogue lacks it
   */
  public ClassDefinition require(ClassKind kind, ClassCode code) {
    return find(kind, code)
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    kind.name().toLowerCase()
                        + " class "
                        + code
                        + " is not in the catalogue"
                        + (code.shortForm().equals(code)
                            ? ""
                            : " (nor " + code.shortForm() + ")")));
  }

  public ClassDefinition requireComponent(ClassCode code) {
    return require(ClassKind.COMPONENT, code);
  }

  public ClassDefinition requireComponent(ComponentCode code) {
    return requireComponent(code.classCode());
  }

  public ClassDefinition requireEvent(ClassCode code) {
    return require(ClassKind.EVENT, code);
  }

  public boolean isKnownComponent(ClassCode code) {
    return component(code).isPresent();
  }

  public boolean isKnownComponent(ComponentCode code) {
    return component(code).isPresent();
  }

  public boolean isKnownEvent(ClassCode code) {
    return event(code).isPresent();
  }

  /** The major classes of one kind, by code. */
  public List<ClassDefinition> majors(ClassKind kind) {
    return classes.get(kind).values().stream().filter(ClassDefinition::isMajor).toList();
  }

  /** The minor classes under a 2-digit major class, by code; empty for an unknown major. */
  public List<ClassDefinition> minors(ClassKind kind, String major) {
    ClassCode majorCode = ClassCode.parse(major);
    if (!majorCode.isMajor()) {
      throw new IllegalArgumentException("'" + major + "' is not a 2-digit major class");
    }
    return classes.get(kind).values().stream()
        .filter(d -> !d.isMajor() && d.major().equals(majorCode.code()))
        .toList();
  }

  /** Every class of one kind, majors and minors, by code. */
  public List<ClassDefinition> all(ClassKind kind) {
    return List.copyOf(classes.get(kind).values());
  }

  private static ClassDefinition toDefinition(CsvTable.Row row) {
    ClassKind kind = row.parse("kind", ClassKind::parse);
    ClassCode code = row.parse("code", ClassCode::parse);
    String major = row.required("major");
    if (!major.equals(code.major())) {
      throw row.fail("major '" + major + "' disagrees with code " + code);
    }
    String accuracy = row.get("accuracy");
    boolean cover = row.parse("manhole_cover", ClassCatalogue::parseYesNo);
    try {
      return new ClassDefinition(
          kind,
          code,
          row.get("zh_name"),
          row.get("en_name"),
          accuracy.isEmpty() ? null : AccuracyClass.parse(accuracy),
          cover,
          row.get("note"));
    } catch (IllegalArgumentException e) {
      throw row.fail(e.getMessage(), e);
    }
  }

  private static boolean parseYesNo(String text) {
    return switch (text.toLowerCase()) {
      case "", "no", "false" -> false;
      case "yes", "true" -> true;
      default -> throw new IllegalArgumentException("'" + text + "' is not yes or no");
    };
  }

  private static ClassCatalogue loadStandard() {
    ClassCatalogue catalogue = empty();
    for (String name : List.of("component-classes.csv", "event-classes.csv")) {
      List<ClassDefinition> defs =
          CsvTable.readResource(ClassCatalogue.class, name, COLUMNS).stream()
              .map(ClassCatalogue::toDefinition)
              .toList();
      catalogue = catalogue.withExtra(defs);
    }
    return catalogue;
  }

  @Override
  public String toString() {
    return "ClassCatalogue["
        + classes.get(ClassKind.COMPONENT).size()
        + " component classes, "
        + classes.get(ClassKind.EVENT).size()
        + " event classes]";
  }
}
