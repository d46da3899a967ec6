package org.wangge.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wangge.geo.grid.GridLevel;

/**
 * Command line: {@code java -jar wangge-data.jar generate [--district 320509] [--scale
 * demo|wujiang] [--seed N] [--out DIR] [--components-geojson]}. A new command is one more entry in
 * {@link #COMMANDS}. Exit codes: 0 done, 1 failed, 2 bad usage.
 */
public final class SampleCli {

  /** A sub-command: runs with its own arguments, returns the exit code. */
  interface Command {
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;

    String usage();
  }

  static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("generate", new Generate());
    COMMANDS.put("locate-demo", new LocateDemo());
  }

  private SampleCli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || !COMMANDS.containsKey(args[0])) {
      usage(err, args.length == 0 ? null : "unknown command '" + args[0] + "'");
      return 2;
    }
    try {
      return COMMANDS.get(args[0]).run(List.of(args).subList(1, args.length), out, err);
    } catch (UsageException e) {
      usage(err, e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("error: " + e.getMessage());
      e.printStackTrace(err);
      return 1;
    }
  }

  private static void usage(PrintStream err, String problem) {
    if (problem != null) {
      err.println("error: " + problem);
    }
    err.println("usage:");
    for (Command c : COMMANDS.values()) {
      err.println("  java -jar wangge-data.jar " + c.usage());
    }
  }

  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  /** Parses {@code --name value} pairs and bare {@code --flag}s against the names allowed. */
  static Map<String, String> options(List<String> args, List<String> valued, List<String> flags) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (flags.contains(a)) {
        opts.put(a, "true");
      } else if (valued.contains(a)) {
        if (i + 1 >= args.size()) {
          throw new UsageException("option " + a + " needs a value");
        }
        opts.put(a, args.get(++i));
      } else {
        throw new UsageException("unknown option '" + a + "'");
      }
    }
    return opts;
  }

  static final class Generate implements Command {
    @Override
    public String usage() {
      return "generate [--district 320509] [--scale demo|wujiang] [--seed N] [--out DIR]"
          + " [--components-geojson]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
      Map<String, String> o =
          options(
              args,
              List.of("--district", "--scale", "--seed", "--out"),
              List.of("--components-geojson"));
      String district = o.getOrDefault("--district", SampleGenerator.DEFAULT_DISTRICT);
      Scale scale;
      long seed;
      try {
        scale = Scale.parse(o.getOrDefault("--scale", "demo"));
        seed = Long.parseLong(o.getOrDefault("--seed", "1"));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      Path dir =
          Path.of(o.getOrDefault("--out", "sample-" + district + "-" + scale.name().toLowerCase()));
      long t0 = System.nanoTime();
      SampleDistrict d;
      try {
        d = new SampleGenerator().generate(district, scale, seed);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      long t1 = System.nanoTime();
      List<Path> files = SampleWriter.write(d, dir, o.containsKey("--components-geojson"));
      long t2 = System.nanoTime();
      out.printf(
          "%s %s, scale %s, seed %d: %d streets, %d communities, %d unit grids, %d special grids,"
              + " %d units, %d components, %d devices%n",
          d.code(),
          d.name(),
          scale.name().toLowerCase(),
          seed,
          d.grids(GridLevel.STREET).size(),
          d.grids(GridLevel.COMMUNITY).size(),
          d.grids(GridLevel.UNIT).size(),
          d.grids(GridLevel.SPECIAL).size(),
          d.units().size(),
          d.components().size(),
          d.devices().size());
      out.printf("boundary: %s%n", d.repair());
      out.printf(
          "generated in %.1f s, written in %.1f s to %s (%d files)%n",
          (t1 - t0) / 1e9, (t2 - t1) / 1e9, dir.toAbsolutePath(), files.size());
      return 0;
    }
  }
}
