package org.wangge.api.importing;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.wangge.geo.codes.ClassCatalogue;
import org.wangge.geo.codes.ClassCode;
import org.wangge.geo.codes.ComponentCode;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.component.ComponentState;
import org.wangge.geo.crs.CrsTransform;
import org.wangge.geo.crs.XY;
import org.wangge.geo.index.GridIndex;
import org.wangge.geo.io.SourceFeature;

/**
 * Validates survey rows one by one: geometry present, a point, inside the district; class known;
 * code well-formed, in this district and unique in the file; competent department present; state
 * and dates valid. Assigns the unit grid by point-in-polygon and a code when the row has none. Not
 * thread-safe (it remembers the codes it has seen).
 */
final class RowValidator {

  /** The outcome for one row: exactly one of the two is set. */
  record Outcome(ImportedComponent accepted, Rejection rejected, String notice) {}

  private static final DateTimeFormatter[] DATES = {
    DateTimeFormatter.ISO_LOCAL_DATE,
    DateTimeFormatter.ofPattern("yyyy/M/d"),
    DateTimeFormatter.ofPattern("yyyyMMdd"),
    DateTimeFormatter.ofPattern("yyyy.M.d"),
  };

  private final String district;
  private final FieldMapping mapping;
  private final CrsTransform toCgcs2000;
  // The district's area as JTS's prepared polygon answers "covers" for a point, without the point
  // object and the prepared-geometry layers around the locator: those, inlined into validate, made
  // it a 56-64 KB compilation.
  private final Envelope districtEnvelope;
  private final IndexedPointInAreaLocator districtArea;
  private final GridIndex grids;
  private final ClassCatalogue catalogue;
  private final CodeAllocator codes;
  // small at first, as the warm-up's: a table that grew only in a real job would make the compiled
  // validator give way to the interpreter and be compiled again in that job
  private final CodeTable seen = new CodeTable(1 << 12);
  private final KnownClass[] classes; // the shared KnownClasses' slots

  /**
   * Indexed by a code's class digits (+ 100,000 for the 17-digit form): the class of the first code
   * of that shape parsed in full, and whether the catalogue knows it. A later code in this district
   * with the same class digits passes every check of ComponentCode's but its sequence, so only that
   * is checked again. Shared by the validators of one district and catalogue, job after job: a slot
   * is written with the same immutable value by whichever job gets there first.
   */
  static final class KnownClasses {
    private final KnownClass[] slots = new KnownClass[200_000];
  }

  private record KnownClass(ClassCode code, boolean known) {}

  private final LocalDate latestDate = LocalDate.now().plusDays(1);

  RowValidator(
      String district,
      FieldMapping mapping,
      CrsTransform toCgcs2000,
      Geometry districtArea,
      GridIndex grids,
      ClassCatalogue catalogue,
      CodeAllocator codes,
      KnownClasses classes) {
    this.district = district;
    this.mapping = mapping;
    this.toCgcs2000 = toCgcs2000;
    this.districtEnvelope = districtArea.getEnvelopeInternal();
    this.districtArea = new IndexedPointInAreaLocator(districtArea);
    this.grids = grids;
    this.catalogue = catalogue;
    this.codes = codes;
    this.classes = classes.slots;
  }

  Outcome validate(SourceFeature f) {
    List<Object> v = f.values();
    String codeText = mapping.text(v, SurveyField.OBJ_ID);
    long row = f.row();
    if (!f.isReadable()) {
      return reject(row, codeText, "geometry", f.problem());
    }
    Geometry g = f.geometry();
    if (g == null || g.isEmpty()) {
      return reject(row, codeText, "geometry", "no geometry (a component needs a point position)");
    }
    if (!(g instanceof Point)
        && !(g.getNumGeometries() == 1 && g.getGeometryN(0) instanceof Point)) {
      return reject(
          row,
          codeText,
          "geometry",
          "geometry is a " + g.getGeometryType() + "; a component is a Point");
    }
    Coordinate c = g.getCoordinate();
    double lon;
    double lat;
    try {
      XY xy = toCgcs2000.transform(c.x, c.y);
      lon = xy.x();
      lat = xy.y();
    } catch (IllegalArgumentException e) {
      return reject(row, codeText, "geometry", e.getMessage());
    }
    if (!inDistrict(lon, lat)) {
      return reject(
          row,
          codeText,
          "geometry",
          String.format(
              "position (%.7f, %.7f) lies outside district %s (check the CRS and axis order)",
              lon, lat, district));
    }

    String code = null;
    ClassCode classCode = null;
    boolean knownClass;
    if (codeText != null) {
      int slot = fastSlot(codeText);
      KnownClass cls = slot < 0 ? null : classes[slot];
      if (cls == null) {
        ComponentCode parsed;
        try {
          parsed = ComponentCode.parse(codeText);
        } catch (IllegalArgumentException e) {
          return reject(row, codeText, SurveyField.OBJ_ID.standardName(), e.getMessage());
        }
        if (!parsed.county().equals(district)) {
          return reject(
              row,
              codeText,
              SurveyField.OBJ_ID.standardName(),
              "code " + codeText + " belongs to county " + parsed.county() + ", not " + district);
        }
        cls = new KnownClass(parsed.classCode(), catalogue.isKnownComponent(parsed.classCode()));
        if (slot >= 0) {
          classes[slot] = cls;
        }
        code = parsed.digits();
      } else {
        code = codeText;
      }
      classCode = cls.code();
      knownClass = cls.known();
    } else {
      String cls = mapping.text(v, SurveyField.CLASS_CODE);
      if (cls == null) {
        return reject(
            row,
            null,
            SurveyField.OBJ_ID.standardName(),
            "no code and no class: give ObjID (部件标识码) or ClassCode (部件类别) so a code can be"
                + " assigned");
      }
      try {
        classCode = ClassCode.parse(cls);
      } catch (IllegalArgumentException e) {
        return reject(row, null, SurveyField.CLASS_CODE.standardName(), e.getMessage());
      }
      knownClass = catalogue.isKnownComponent(classCode);
    }
    if (!knownClass) {
      return reject(
          row,
          codeText,
          code != null ? SurveyField.OBJ_ID.standardName() : SurveyField.CLASS_CODE.standardName(),
          "class " + classCode + " is not in the component catalogue");
    }
    String deptName = mapping.text(v, SurveyField.DEPT_NAME1);
    String deptCode = mapping.text(v, SurveyField.DEPT_CODE1);
    if (deptName == null && deptCode == null) {
      return reject(
          row,
          codeText,
          SurveyField.DEPT_NAME1.standardName(),
          "competent department (主管部门) is missing");
    }
    String stateText = mapping.text(v, SurveyField.OBJ_STATE);
    String state;
    try {
      state =
          stateText == null ? ComponentState.INTACT.name() : ComponentState.parse(stateText).name();
    } catch (IllegalArgumentException e) {
      return reject(row, codeText, SurveyField.OBJ_STATE.standardName(), e.getMessage());
    }
    LocalDate surveyed;
    LocalDate changed;
    try {
      surveyed = date(mapping.raw(v, SurveyField.OR_DATE), SurveyField.OR_DATE);
      changed = date(mapping.raw(v, SurveyField.CH_DATE), SurveyField.CH_DATE);
    } catch (DateProblem e) {
      return reject(row, codeText, e.field, e.getMessage());
    }
    if (surveyed != null && changed != null && changed.isBefore(surveyed)) {
      return reject(
          row,
          codeText,
          SurveyField.CH_DATE.standardName(),
          "CHDate " + changed + " is before ORDate " + surveyed);
    }
    if (code != null) {
      long first = seen.putIfAbsent(Long.parseLong(code), row, -1);
      if (first >= 0) {
        return reject(
            row,
            codeText,
            SurveyField.OBJ_ID.standardName(),
            "code " + code + " repeats row " + first);
      }
    }

    int at = grids.locateIndex(lon, lat);
    String grid = at == GridIndex.NONE ? null : grids.unitGrids().get(at).code().digits();
    String bgid = mapping.text(v, SurveyField.BGID);
    String notice = null;
    if (bgid != null) {
      if (!bgid.equals(grid) && !normalised(bgid).equals(grid)) {
        notice = "BGID " + bgid + " disagrees with the unit grid at the position (" + grid + ")";
      }
    }
    if (code != null) {
      codes.reserve(classCode, Integer.parseInt(code, code.length() - 6, code.length(), 10));
    }
    return new Outcome(
        new ImportedComponent(
            row,
            code,
            classCode.code(),
            mapping.text(v, SurveyField.OBJ_NAME),
            lon,
            lat,
            state,
            deptCode,
            deptName == null ? deptCode : deptName,
            mapping.text(v, SurveyField.DEPT_CODE2),
            mapping.text(v, SurveyField.DEPT_NAME2),
            mapping.text(v, SurveyField.DEPT_CODE3),
            mapping.text(v, SurveyField.DEPT_NAME3),
            grid,
            bgid,
            surveyed,
            changed,
            mapping.text(v, SurveyField.DATA_SOURCE),
            mapping.text(v, SurveyField.NOTE)),
        null,
        notice);
  }

  /**
   * The slot in {@link #classes} of a code of the usual shape (16 or 17 ASCII digits starting with
   * this district, a sequence other than 000000), else -1 (the code then takes the full parse).
   */
  private int fastSlot(String text) {
    int n = text.length();
    if (n != 16 && n != 17 || district.length() != 6 || !text.startsWith(district)) {
      return -1;
    }
    int cls = 0;
    boolean sequence = false;
    for (int i = 6; i < n; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      if (i < n - 6) {
        cls = cls * 10 + (c - '0');
      } else if (c != '0') {
        sequence = true;
      }
    }
    return sequence ? (n == 17 ? 100_000 : 0) + cls : -1;
  }

  /** Whether the district's area covers the point (its interior or boundary). */
  private boolean inDistrict(double lon, double lat) {
    return districtEnvelope.covers(lon, lat)
        && districtArea.locate(new Coordinate(lon, lat)) != Location.EXTERIOR;
  }

  private static String normalised(String bgid) {
    try {
      return GridCode.parse(bgid).digits();
    } catch (IllegalArgumentException e) {
      return bgid;
    }
  }

  private static Outcome reject(long row, String code, String field, String reason) {
    return new Outcome(null, new Rejection(row, code, field, reason), null);
  }

  /**
   * yyyy-MM-dd without a formatter (the common case, and the formatter's parse dominated the
   * validation); null when the text has another shape or is no valid date, for the formatters to
   * judge.
   */
  private static LocalDate isoDate(String s) {
    if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return null;
    }
    int y = digits(s, 0, 4);
    int m = digits(s, 5, 7);
    int d = digits(s, 8, 10);
    if (y < 0
        || m < 1
        || m > 12
        || d < 1
        || d > 28 && d > java.time.YearMonth.of(y, m).lengthOfMonth()) {
      return null;
    }
    return LocalDate.of(y, m, d);
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static final class DateProblem extends Exception {
    final String field;

    DateProblem(String field, String message) {
      super(message);
      this.field = field;
    }
  }

  private LocalDate date(Object value, SurveyField field) throws DateProblem {
    if (value == null) {
      return null;
    }
    if (value instanceof LocalDate d) {
      return d;
    }
    String s = FieldMapping.stripped(value.toString());
    if (s == null) {
      return null;
    }
    if (s.length() > 10 && s.charAt(10) == ' ' || s.length() > 10 && s.charAt(10) == 'T') {
      s = s.substring(0, 10);
    }
    LocalDate iso = isoDate(s);
    for (int i = iso == null ? 0 : -1; i < DATES.length; i++) {
      try {
        LocalDate d = i < 0 ? iso : LocalDate.parse(s, DATES[i]);
        if (d.isAfter(latestDate)) {
          throw new DateProblem(
              field.standardName(), field.standardName() + " " + d + " lies in the future");
        }
        if (d.getYear() < 1900) {
          throw new DateProblem(
              field.standardName(), field.standardName() + " " + d + " is before 1900");
        }
        return d;
      } catch (DateTimeParseException e) {
        // try the next format
      }
    }
    throw new DateProblem(
        field.standardName(),
        field.standardName() + " '" + s + "' is not a date (yyyy-MM-dd, yyyy/M/d or yyyyMMdd)");
  }
}
