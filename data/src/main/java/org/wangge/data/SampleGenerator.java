package org.wangge.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.operation.overlayng.CoverageUnion;
import org.wangge.data.internal.Bisection;
import org.wangge.data.internal.Dept;
import org.wangge.data.internal.SeedLattice;
import org.wangge.data.internal.UnitGridLocator;
import org.wangge.data.internal.VoronoiPartition;
import org.wangge.data.seed.Division;
import org.wangge.data.seed.SeedData;
import org.wangge.data.seed.SeedDistrict;
import org.wangge.geo.Geodesy;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.grid.Grid;
import org.wangge.geo.grid.GridLevel;
import org.wangge.geo.routing.DepartmentRoles;
import org.wangge.geo.unit.Unit;

/**
 * Builds a sample district from the real seed data: real boundary (repaired), real streets and
 * communities with their codes and names, synthetic but exact unit-grid partition, units,
 * components along the unit-grid edges and devices.
 *
 * <p>The partition: {@link SeedLattice} puts exactly {@code scale.unitGrids()} jittered-lattice
 * seeds inside the district; {@link VoronoiPartition} nodes their Voronoi edges with the boundary
 * in one snap-rounding pass and polygonises, giving one cell per seed with shared edges identical;
 * {@link Bisection} groups cells into streets (in proportion to their real community counts) and
 * communities; community, street and district polygons are {@code CoverageUnion}s of their
 * children, so each parent is exactly the union of its children. Unit grids are numbered west to
 * east, north to south within their community (by lattice row from north, then by longitude).
 *
 * <p>Deterministic: the same district, scale and seed give the same district, and {@link
 * SampleWriter} writes it byte for byte the same. Thread-safe: no state beyond the seed data.
 */
public final class SampleGenerator {

  public static final String DEFAULT_DISTRICT = "320509";

  /** Special-grid sequences start here under their community (901, 902, …). */
  public static final int SPECIAL_SEQUENCE_START = 901;

  private final SeedData seedData;

  public SampleGenerator() {
    this(SeedData.load());
  }

  public SampleGenerator(SeedData seedData) {
    this.seedData = seedData;
  }

  public SampleDistrict generate(Scale scale, long seed) {
    return generate(DEFAULT_DISTRICT, scale, seed);
  }

  /**
   * @param districtCode one of the seed districts: 320509, 320506, 320724, 340181, 110101
   * @throws IllegalArgumentException for an unknown district
   */
  public SampleDistrict generate(String districtCode, Scale scale, long seed) {
    SeedDistrict sd = seedData.district(districtCode);
    String county = sd.code().digits();
    GeometryFactory gf = new GeometryFactory();
    long base = seed * 0x9E3779B97F4A7C15L + Long.parseLong(county);
    SeedLattice lattice =
        SeedLattice.inside(sd.boundary(), scale.unitGrids(), new SplittableRandom(base + 1));
    VoronoiPartition partition = VoronoiPartition.of(sd.boundary(), lattice, gf);
    double xScale = Math.cos(Math.toRadians(partition.district.getEnvelopeInternal().centre().y));

    List<Division> streets = sd.streets();
    double[] streetWeights = new double[streets.size()];
    int[] streetMin = new int[streets.size()];
    List<List<Division>> villagesOf = new ArrayList<>();
    for (int s = 0; s < streets.size(); s++) {
      List<Division> vs = sd.villagesOf(streets.get(s).code());
      villagesOf.add(vs);
      streetWeights[s] = Math.max(1, vs.size());
      streetMin[s] = Math.max(1, vs.size());
    }
    int[] all = new int[lattice.size()];
    Arrays.setAll(all, i -> i);
    int[][] streetCells =
        Bisection.split(all, lattice.x, lattice.y, streetWeights, streetMin, xScale);

    List<Unit> units = units(sd);
    Map<String, String> unitNames = new LinkedHashMap<>();
    units.forEach(u -> unitNames.put(u.id(), u.name()));

    List<Grid> streetGrids = new ArrayList<>();
    List<Grid> communityGrids = new ArrayList<>();
    List<Grid> unitGrids = new ArrayList<>();
    int[] gridOfCell = new int[lattice.size()];
    Map<GridCode, Geometry> communityGeometry = new LinkedHashMap<>();
    Map<GridCode, int[]> communityCells = new LinkedHashMap<>();
    for (int s = 0; s < streets.size(); s++) {
      Division street = streets.get(s);
      List<Division> vs = villagesOf.get(s);
      String office = streetOfficeId(street.code());
      List<Geometry> communityParts = new ArrayList<>();
      if (vs.isEmpty()) {
        throw new IllegalStateException("street " + street.code() + " has no communities");
      }
      double[] ones = new double[vs.size()];
      int[] mins = new int[vs.size()];
      Arrays.fill(ones, 1);
      Arrays.fill(mins, 1);
      int[][] cells = Bisection.split(streetCells[s], lattice.x, lattice.y, ones, mins, xScale);
      for (int v = 0; v < vs.size(); v++) {
        Division village = vs.get(v);
        Integer[] order = Arrays.stream(cells[v]).boxed().toArray(Integer[]::new);
        Arrays.sort(
            order,
            Comparator.<Integer>comparingInt(i -> lattice.row[i])
                .thenComparingDouble(i -> lattice.x[i])
                .thenComparingInt(i -> i));
        Geometry[] parts = new Geometry[order.length];
        for (int q = 0; q < order.length; q++) {
          int cell = order[q];
          GridCode code = GridCode.of(village.code().digits(), q + 1);
          gridOfCell[cell] = unitGrids.size();
          unitGrids.add(
              new Grid(
                  code,
                  shortName(village.name()) + "第" + (q + 1) + "网格",
                  GridLevel.UNIT,
                  village.code(),
                  canonical(partition.cells[cell]),
                  office));
          parts[q] = partition.cells[cell];
        }
        Geometry community = canonical(union(parts, gf));
        communityGeometry.put(village.code(), community);
        communityCells.put(village.code(), Arrays.stream(order).mapToInt(i -> i).toArray());
        communityParts.add(community);
        communityGrids.add(
            new Grid(
                village.code(),
                village.name(),
                GridLevel.COMMUNITY,
                street.code(),
                community,
                committeeId(village.code())));
      }
      streetGrids.add(
          new Grid(
              street.code(),
              street.name(),
              GridLevel.STREET,
              sd.code(),
              canonical(union(communityParts.toArray(new Geometry[0]), gf)),
              office));
    }
    Geometry districtGeometry =
        canonical(union(streetGrids.stream().map(Grid::geometry).toArray(Geometry[]::new), gf));

    List<Grid> grids = new ArrayList<>();
    grids.add(
        new Grid(
            sd.code(), sd.name(), GridLevel.DISTRICT, null, districtGeometry, centreId(county)));
    grids.addAll(streetGrids);
    grids.addAll(communityGrids);
    grids.addAll(unitGrids);
    grids.addAll(
        specialGrids(
            sd,
            county,
            villagesOf,
            communityGeometry,
            communityCells,
            lattice,
            new SplittableRandom(base + 2),
            gf));

    GridCode[] unitCodes = unitGrids.stream().map(Grid::code).toArray(GridCode[]::new);
    UnitGridLocator locator = new UnitGridLocator(partition.cells, gf);
    ComponentTable components =
        ComponentPlacement.place(
            county,
            scale.components(),
            partition.roadEdges,
            lattice,
            locator,
            gridOfCell,
            unitCodes,
            unitNames,
            new SplittableRandom(base + 3));
    List<Device> devices =
        ComponentPlacement.devices(components, county, new SplittableRandom(base + 4));
    return new SampleDistrict(
        sd.code(), sd.name(), sd.boundary(), sd.repair(), units, grids, components, devices);
  }

  /**
   * The same geometry in a canonical form: parts sorted, each ring starting at its least
   * coordinate, shells counter-clockwise and holes clockwise (RFC 7946). Overlay results may start
   * rings anywhere; this makes the written files byte-identical run to run. Coordinates are
   * unchanged.
   */
  private static Geometry canonical(Geometry g) {
    Geometry c = g.copy();
    c.normalize();
    return c.reverse();
  }

  private static Geometry union(Geometry[] parts, GeometryFactory gf) {
    if (parts.length == 1) {
      return parts[0];
    }
    Geometry u = CoverageUnion.union(gf.createGeometryCollection(parts));
    if (!(u instanceof Polygonal) || u.isEmpty()) {
      throw new IllegalStateException("coverage union gave " + u.getGeometryType());
    }
    return u;
  }

  private static List<Grid> specialGrids(
      SeedDistrict sd,
      String county,
      List<List<Division>> villagesOf,
      Map<GridCode, Geometry> communityGeometry,
      Map<GridCode, int[]> communityCells,
      SeedLattice lattice,
      SplittableRandom random,
      GeometryFactory gf) {
    String[] kinds = {"实验小学", "公园", "社区卫生服务中心"};
    Dept[] responsible = {Dept.EDU, Dept.GREEN, Dept.HEALTH};
    double[][] halfSize = {{90, 60}, {150, 120}, {60, 45}};
    Map<GridCode, Integer> nextSequence = new LinkedHashMap<>();
    List<Grid> out = new ArrayList<>();
    for (int s = 0; s < villagesOf.size(); s++) {
      List<Division> vs = villagesOf.get(s);
      Division village = vs.get(random.nextInt(vs.size()));
      int[] cells = communityCells.get(village.code());
      int cell = cells[random.nextInt(cells.length)];
      int kind = s % kinds.length;
      double hx = Geodesy.metersToDegreesLon(halfSize[kind][0], lattice.y[cell]);
      double hy = Geodesy.metersToDegreesLat(halfSize[kind][1]);
      Envelope box =
          new Envelope(
              lattice.x[cell] - hx,
              lattice.x[cell] + hx,
              lattice.y[cell] - hy,
              lattice.y[cell] + hy);
      Geometry area = gf.toGeometry(box).intersection(communityGeometry.get(village.code()));
      if (area.isEmpty() || !(area instanceof Polygonal)) {
        continue;
      }
      int seq = nextSequence.merge(village.code(), SPECIAL_SEQUENCE_START, (a, b) -> a + 1);
      out.add(
          new Grid(
              GridCode.of(village.code().digits(), seq),
              shortName(village.name()) + kinds[kind],
              GridLevel.SPECIAL,
              village.code(),
              canonical(area),
              responsible[kind].id(county)));
    }
    return out;
  }

  private static List<Unit> units(SeedDistrict sd) {
    String county = sd.code().digits();
    List<Unit> units = new ArrayList<>();
    units.add(new Unit(centreId(county), sd.name() + "城管指挥中心", Unit.UnitKind.DISTRICT_CENTRE));
    for (Dept d : Dept.values()) {
      units.add(d.unit(county, sd.name()));
    }
    for (Division street : sd.streets()) {
      units.add(
          new Unit(
              streetOfficeId(street.code()),
              officeName(street.name()),
              Unit.UnitKind.STREET_OFFICE));
    }
    for (Division village : sd.villages()) {
      String name = village.name().contains("委") ? village.name() : village.name() + "居委会";
      units.add(new Unit(committeeId(village.code()), name, Unit.UnitKind.COMMUNITY));
    }
    return units;
  }

  /**
   * The sample district's mapping from the routing rules' department roles ({@code dept:drainage}
   * …) to its own units. Roles a district of this kind has no unit for (postal, heating) stay
   * unmapped, so their cases go to the district centre, flagged.
   */
  public static DepartmentRoles departmentRoles(String county) {
    Map<String, Dept> roles = new LinkedHashMap<>();
    roles.put("dept:drainage", Dept.DRAIN);
    roles.put("dept:water-supply", Dept.WATER);
    roles.put("dept:power", Dept.POWER);
    roles.put("dept:gas", Dept.GAS);
    roles.put("dept:telecom", Dept.TELECOM);
    roles.put("dept:cable-tv", Dept.CATV);
    roles.put("dept:street-lighting", Dept.LIGHT);
    roles.put("dept:landscaping", Dept.GREEN);
    roles.put("dept:sanitation", Dept.SANIT);
    roles.put("dept:municipal-facilities", Dept.ROAD);
    roles.put("dept:traffic-police", Dept.TRAFFIC);
    roles.put("dept:public-security", Dept.PSB);
    roles.put("dept:fire", Dept.FIRE);
    roles.put("dept:transport", Dept.TRANSPORT);
    roles.put("dept:public-transport", Dept.TRANSPORT);
    roles.put("dept:construction", Dept.CMB);
    roles.put("dept:place-names", Dept.CIVIL);
    Map<String, String> ids = new LinkedHashMap<>();
    roles.forEach((role, dept) -> ids.put(role, dept.id(county)));
    return DepartmentRoles.of(ids);
  }

  public static String centreId(String county) {
    return "U-" + county + "-CENTRE";
  }

  public static String streetOfficeId(GridCode street) {
    return "U-" + street.digits();
  }

  public static String committeeId(GridCode community) {
    return "U-" + community.digits();
  }

  private static String officeName(String street) {
    if (street.endsWith("街道")) {
      return street + "办事处";
    }
    if (street.endsWith("镇") || street.endsWith("乡")) {
      return street + "人民政府";
    }
    return street + "管理委员会";
  }

  /** 西塘社区居委会 → 西塘社区, 长安村村委会 → 长安村. */
  static String shortName(String community) {
    for (String suffix : new String[] {"居民委员会", "村民委员会", "居委会", "村委会"}) {
      if (community.endsWith(suffix) && community.length() > suffix.length()) {
        return community.substring(0, community.length() - suffix.length());
      }
    }
    return community;
  }
}
