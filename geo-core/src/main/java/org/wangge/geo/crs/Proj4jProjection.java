package org.wangge.geo.crs;

import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * A proj4j projection between a geographic CRS (degrees) and a projected one (metres), made
 * thread-safe: proj4j's {@link CoordinateTransform} keeps mutable state and its {@link
 * ProjCoordinate}s are mutable, so each thread gets its own pair of transforms, built from its own
 * CRS objects, plus two scratch coordinates, and no call allocates a {@code ProjCoordinate}.
 */
final class Proj4jProjection {

  private final String geographicParameters;
  private final String projectedParameters;
  private final ThreadLocal<Worker> workers;

  Proj4jProjection(String geographicParameters, String projectedParameters) {
    this.geographicParameters = geographicParameters;
    this.projectedParameters = projectedParameters;
    this.workers = ThreadLocal.withInitial(this::newWorker);
    workers.get(); // fail on construction if proj4j rejects the parameters
  }

  /** The PROJ parameter string that proj4j-epsg holds for an EPSG code. */
  static String epsgParameters(int code) {
    return new CRSFactory().createFromName("EPSG:" + code).getParameterString();
  }

  /** Writes easting, northing (metres) of {@code (lon, lat)} (degrees) into {@code out}. */
  void forward(double lon, double lat, double[] out) {
    Worker w = workers.get();
    w.in.setValue(lon, lat);
    w.forward.transform(w.in, w.out);
    out[0] = w.out.x;
    out[1] = w.out.y;
  }

  /** Writes lon, lat (degrees) of {@code (easting, northing)} (metres) into {@code out}. */
  void inverse(double easting, double northing, double[] out) {
    Worker w = workers.get();
    w.in.setValue(easting, northing);
    w.inverse.transform(w.in, w.out);
    out[0] = w.out.x;
    out[1] = w.out.y;
  }

  private Worker newWorker() {
    CRSFactory crsFactory = new CRSFactory();
    CoordinateReferenceSystem geographic =
        crsFactory.createFromParameters("geographic", geographicParameters);
    CoordinateReferenceSystem projected =
        crsFactory.createFromParameters("projected", projectedParameters);
    CoordinateTransformFactory factory = new CoordinateTransformFactory();
    return new Worker(
        factory.createTransform(geographic, projected),
        factory.createTransform(projected, geographic));
  }

  private static final class Worker {
    final CoordinateTransform forward;
    final CoordinateTransform inverse;
    final ProjCoordinate in = new ProjCoordinate();
    final ProjCoordinate out = new ProjCoordinate();

    Worker(CoordinateTransform forward, CoordinateTransform inverse) {
      this.forward = forward;
      this.inverse = inverse;
    }
  }
}
