package org.wangge.bench.alarms;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@code --name value} and {@code --flag} command-line options; unknown names are an error. */
final class Args {

  private final Map<String, String> values = new HashMap<>();
  private final Set<String> used = new HashSet<>();

  Args(String[] args, Set<String> flags) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + a + "' (see --help)");
      }
      String name = a.substring(2);
      int eq = name.indexOf('=');
      if (eq > 0) {
        values.put(name.substring(0, eq), name.substring(eq + 1));
      } else if (flags.contains(name)) {
        values.put(name, "true");
      } else if (i + 1 < args.length) {
        values.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("option --" + name + " needs a value");
      }
    }
  }

  boolean flag(String name) {
    used.add(name);
    return Boolean.parseBoolean(values.getOrDefault(name, "false"));
  }

  String string(String name, String fallback) {
    used.add(name);
    return values.getOrDefault(name, fallback);
  }

  long number(String name, long fallback) {
    String v = string(name, null);
    try {
      return v == null ? fallback : Long.parseLong(v.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " " + v + " is not a whole number");
    }
  }

  double decimal(String name, double fallback) {
    String v = string(name, null);
    try {
      return v == null ? fallback : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " " + v + " is not a number");
    }
  }

  /** Fails on options no one asked for: a typo must not silently run with a default. */
  void rejectUnused() {
    for (String name : values.keySet()) {
      if (!used.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name + " (see --help)");
      }
    }
  }
}
