package org.wangge.geo.routing;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.wangge.geo.codes.ClassCode;
import org.wangge.geo.codes.ClassKind;
import org.wangge.geo.codes.internal.CsvTable;

/**
 * The responsibility lists (两份清单) as a table of {@link RoutingRule}s, with one district default.
 *
 * <p>{@link #find} looks up, in order: (class, alarm type) → (class, any alarm) → (major class, any
 * alarm) → district default. A 5-digit class is tried as given, then in its {@link
 * ClassCode#shortForm() short form}, before its major class.
 *
 * <p>{@link #standard()} reads {@code routing-rules.csv} next to this class: a rule for every class
 * in {@link org.wangge.geo.codes.ClassCatalogue#standard()}, with the time limits of DOMAIN.md as
 * editable defaults. A district overrides lines with {@link #withOverrides(Reader, String)}.
 *
 * <p>CSV columns (header required, any order, other columns such as {@code note} ignored): {@code
 * kind} (component | event | * for the district default), {@code class} (2, 4 or 5 digits, or *),
 * {@code alarm} (empty or * for any), {@code mode} (TERRITORIAL | VERTICAL | OWNERSHIP), {@code
 * department} (role key such as {@code dept:drainage}, or empty), {@code on_site} and {@code
 * deadline} (ISO-8601 durations such as {@code PT2H}; on_site may be empty), {@code basis} (WORKING
 * | NATURAL, for both limits), {@code urgency} (NORMAL | URGENT | EMERGENCY), {@code closure}.
 *
 * <p>Immutable and thread-safe.
 */
public final class RoutingRules {

  static final List<String> COLUMNS =
      List.of(
          "kind",
          "class",
          "alarm",
          "mode",
          "department",
          "on_site",
          "deadline",
          "basis",
          "urgency",
          "closure");

  private static final class Standard {
    static final RoutingRules INSTANCE =
        of(
            CsvTable.readResource(RoutingRules.class, "routing-rules.csv", COLUMNS).stream()
                .map(RoutingRules::toRule)
                .toList());
  }

  private record Key(ClassKind kind, ClassCode classCode, AlarmType alarmType) {
    static Key of(RoutingRule r) {
      return new Key(r.kind(), r.classCode(), r.alarmType());
    }
  }

  private final Map<Key, RoutingRule> rules;
  private final RoutingRule districtDefault;

  private RoutingRules(Map<Key, RoutingRule> rules) {
    this.rules = Map.copyOf(rules);
    this.districtDefault = rules.get(new Key(null, null, null));
  }

  /** The shipped rules; loaded once. */
  public static RoutingRules standard() {
    return Standard.INSTANCE;
  }

  /**
   * Reads a complete rule table from CSV (format in the class javadoc).
   *
   * @param source name used in error messages
   * @throws IllegalArgumentException naming the line of a malformed row or a repeated key, or when
   *     the table has no district default ({@code kind} and {@code class} both {@code *})
   */
  public static RoutingRules load(Reader csv, String source) {
    return of(read(csv, source));
  }

  /**
   * A table of exactly these rules.
   *
   * @throws IllegalArgumentException on a repeated key or a missing district default
   */
  public static RoutingRules of(Collection<RoutingRule> rules) {
    RoutingRules table = new RoutingRules(index(List.copyOf(rules)));
    if (table.districtDefault == null) {
      throw new IllegalArgumentException(
          "routing rules have no district default (kind * and class *)");
    }
    return table;
  }

  /**
   * A new table in which the rows of {@code csv} replace the rules with the same key and add the
   * others; this table is unchanged.
   *
   * @throws IllegalArgumentException naming the line of a malformed row or a key given twice
   */
  public RoutingRules withOverrides(Reader csv, String source) {
    return withOverrides(read(csv, source));
  }

  /** A new table with these rules replacing those with the same key and adding the others. */
  public RoutingRules withOverrides(Collection<RoutingRule> overrides) {
    Map<Key, RoutingRule> merged = new HashMap<>(rules);
    merged.putAll(index(List.copyOf(overrides)));
    return new RoutingRules(merged);
  }

  /**
   * The rule for a class and alarm type, following the lookup order in the class javadoc; never
   * {@code null}.
   *
   * @param alarmType {@code null} when the report carries no alarm type
   */
  public RoutingRule find(ClassKind kind, ClassCode classCode, AlarmType alarmType) {
    Objects.requireNonNull(kind, "class kind");
    Objects.requireNonNull(classCode, "class code");
    List<ClassCode> classes =
        classCode.shortForm().equals(classCode)
            ? List.of(classCode)
            : List.of(classCode, classCode.shortForm());
    for (ClassCode c : classes) {
      if (alarmType != null) {
        RoutingRule r = rules.get(new Key(kind, c, alarmType));
        if (r != null) {
          return r;
        }
      }
      RoutingRule r = rules.get(new Key(kind, c, null));
      if (r != null) {
        return r;
      }
    }
    RoutingRule major = rules.get(new Key(kind, classCode.majorClass(), null));
    return major != null ? major : districtDefault;
  }

  /** The rule with exactly this key, without falling back. */
  public Optional<RoutingRule> exact(ClassKind kind, ClassCode classCode, AlarmType alarmType) {
    return Optional.ofNullable(rules.get(new Key(kind, classCode, alarmType)));
  }

  public RoutingRule districtDefault() {
    return districtDefault;
  }

  /** Every rule, sorted by kind, class and alarm type; the district default first. */
  public List<RoutingRule> all() {
    Comparator<RoutingRule> order =
        Comparator.comparing(
                RoutingRule::kind, Comparator.nullsFirst(Comparator.<ClassKind>naturalOrder()))
            .thenComparing(
                RoutingRule::classCode, Comparator.nullsFirst(Comparator.<ClassCode>naturalOrder()))
            .thenComparing(
                r -> r.alarmType() == null ? "" : r.alarmType().code(), Comparator.naturalOrder());
    return rules.values().stream().sorted(order).toList();
  }

  private static List<RoutingRule> read(Reader csv, String source) {
    List<RoutingRule> read = new ArrayList<>();
    Map<Key, Integer> lines = new LinkedHashMap<>();
    for (CsvTable.Row row : CsvTable.read(csv, source, COLUMNS)) {
      RoutingRule rule = toRule(row);
      Integer first = lines.putIfAbsent(Key.of(rule), row.line());
      if (first != null) {
        throw row.fail("rule " + rule.key() + " is already on line " + first);
      }
      read.add(rule);
    }
    return read;
  }

  private static Map<Key, RoutingRule> index(List<RoutingRule> rules) {
    Map<Key, RoutingRule> map = new HashMap<>();
    for (RoutingRule r : rules) {
      if (map.putIfAbsent(Key.of(r), r) != null) {
        throw new IllegalArgumentException("rule " + r.key() + " is given twice");
      }
    }
    return map;
  }

  private static RoutingRule toRule(CsvTable.Row row) {
    String kindText = row.required("kind");
    String classText = row.required("class");
    boolean isDefault = kindText.equals("*");
    if (isDefault != classText.equals("*")) {
      throw row.fail(
          "kind '" + kindText + "' and class '" + classText + "': use * for both or for neither");
    }
    ClassKind kind = isDefault ? null : row.parse("kind", ClassKind::parse);
    ClassCode classCode = isDefault ? null : row.parse("class", ClassCode::parse);
    String alarm = row.get("alarm");
    AlarmType alarmType =
        alarm.isEmpty() || alarm.equals("*") ? null : row.parse("alarm", AlarmType::parse);
    RoutingMode mode = row.parse("mode", t -> enumValue(RoutingMode.class, t));
    Urgency urgency = row.parse("urgency", t -> enumValue(Urgency.class, t));
    String basis = row.required("basis");
    TimeLimit deadline = row.parse("deadline", t -> TimeLimit.parse(t, basis));
    TimeLimit onSite =
        row.get("on_site").isEmpty() ? null : row.parse("on_site", t -> TimeLimit.parse(t, basis));
    try {
      return new RoutingRule(
          kind,
          classCode,
          alarmType,
          mode,
          row.get("department"),
          onSite,
          deadline,
          urgency,
          row.get("closure"));
    } catch (IllegalArgumentException e) {
      throw row.fail(e.getMessage(), e);
    }
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String text) {
    try {
      return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not one of " + Arrays.toString(type.getEnumConstants()));
    }
  }

  @Override
  public String toString() {
    return "RoutingRules[" + rules.size() + " rules]";
  }
}
