package org.wangge.geo.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.proj.Projection;

/** Checks the zone table against itself and against the EPSG database shipped in proj4j-epsg. */
class GaussKrugerZoneTest {

  private static final Pattern ENTRY = Pattern.compile("<(\\d+)>\\s*(.*?)\\s*<>");
  private static final Map<Integer, String> PROJ4J_EPSG_NAMES = new HashMap<>();

  @BeforeAll
  static void readProj4jEpsgNames() throws IOException {
    try (InputStream in = CRSFactory.class.getResourceAsStream("/proj4/nad/epsg");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String comment = null;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("# ")) {
          comment = line.substring(2).strip();
        } else {
          Matcher m = ENTRY.matcher(line);
          if (m.matches() && comment != null) {
            PROJ4J_EPSG_NAMES.putIfAbsent(Integer.parseInt(m.group(1)), comment);
          }
          comment = null;
        }
      }
    }
    assertThat(PROJ4J_EPSG_NAMES).containsKey(4490);
  }

  @ParameterizedTest
  @CsvSource({
    "4491, 6, 13, true,  75,  13500000",
    "4498, 6, 20, true,  117, 20500000",
    "4501, 6, 23, true,  135, 23500000",
    "4502, 6, 13, false, 75,  500000",
    "4509, 6, 20, false, 117, 500000",
    "4512, 6, 23, false, 135, 500000",
    "4513, 3, 25, true,  75,  25500000",
    "4528, 3, 40, true,  120, 40500000",
    "4533, 3, 45, true,  135, 45500000",
    "4534, 3, 25, false, 75,  500000",
    "4549, 3, 40, false, 120, 500000",
    "4554, 3, 45, false, 135, 500000",
  })
  void layoutOfTheEpsgCodes(
      int code,
      int width,
      int zoneNumber,
      boolean prefix,
      int centralMeridian,
      double falseEasting) {
    GaussKrugerZone zone = GaussKrugerZone.ofEpsg(code).orElseThrow();

    assertThat(zone).isEqualTo(new GaussKrugerZone(width, zoneNumber, prefix));
    assertThat(zone.centralMeridianDegrees()).isEqualTo(centralMeridian);
    assertThat(zone.falseEastingMeters()).isEqualTo(falseEasting);
    assertThat(zone.epsgCode()).isEqualTo(code);
    assertThat(GaussKrugerZone.ofCentralMeridian(width, centralMeridian, prefix)).isEqualTo(zone);
  }

  @Test
  void onlyTheSixtyFourCgcs2000CodesAreZones() {
    assertThat(GaussKrugerZone.ofEpsg(4490)).isEmpty();
    assertThat(GaussKrugerZone.ofEpsg(4555)).isEmpty();
  }

  @Test
  void everyZoneAgreesWithProj4jEpsg() {
    CRSFactory factory = new CRSFactory();
    for (int code = GaussKrugerZone.FIRST_CODE; code <= GaussKrugerZone.LAST_CODE; code++) {
      GaussKrugerZone zone = GaussKrugerZone.ofEpsg(code).orElseThrow();
      Projection epsg = factory.createFromName("EPSG:" + code).getProjection();
      Projection ours =
          factory.createFromParameters("ours", zone.proj4Parameters()).getProjection();

      assertThat(PROJ4J_EPSG_NAMES.get(code)).as("name of EPSG:%d", code).isEqualTo(zone.name());
      for (Projection p : new Projection[] {epsg, ours}) {
        assertThat(p.getProjectionLongitudeDegrees())
            .as("lon_0 of EPSG:%d", code)
            .isCloseTo(zone.centralMeridianDegrees(), within(1e-12));
        assertThat(p.getFalseEasting())
            .as("x_0 of EPSG:%d", code)
            .isEqualTo(zone.falseEastingMeters());
        assertThat(p.getFalseNorthing()).isZero();
        assertThat(p.getScaleFactor()).isEqualTo(1.0);
        assertThat(p.getProjectionLatitudeDegrees()).isZero();
        assertThat(p.getEllipsoid().getEquatorRadius()).isEqualTo(6378137.0);
        assertThat(p.getEllipsoid().getEccentricitySquared())
            .isCloseTo(0.00669438002290, within(1e-14));
      }
    }
  }

  @Test
  void legacyCodesAreExactlyTheBeijingAndXianOnesInProj4jEpsg() {
    for (Map.Entry<Integer, String> e : PROJ4J_EPSG_NAMES.entrySet()) {
      String name = e.getValue();
      boolean legacyName =
          name.startsWith("Beijing 1954")
              || name.startsWith("Xian 1980")
              || name.startsWith("New Beijing");
      assertThat(CrsCatalog.isLegacyChineseDatum(e.getKey()))
          .as("EPSG:%d %s", e.getKey(), name)
          .isEqualTo(legacyName);
    }
  }
}
