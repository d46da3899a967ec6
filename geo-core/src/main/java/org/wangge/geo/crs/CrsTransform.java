package org.wangge.geo.crs;

import java.util.Objects;

/**
 * Transforms coordinates from {@link #source()} to {@link #target()}, through CGCS2000 lon/lat.
 * Obtain one from {@link CoordinateTransforms#between}.
 *
 * <p>Coordinates are always x, y in {@link Crs#axisOrder()}: lon, lat in degrees or easting,
 * northing in metres. Every input is validated against the source CRS's domain and the target's; a
 * bad point throws {@link IllegalArgumentException} naming the value (and, in batches, its index).
 *
 * <p>Thread-safe: one instance may be shared by any number of threads. The batch methods allocate
 * nothing per point.
 */
public final class CrsTransform {

  private final CrsCodec from;
  private final CrsCodec to;
  private final boolean identity;

  CrsTransform(CrsCodec from, CrsCodec to) {
    this.from = from;
    this.to = to;
    this.identity = from.crs().equals(to.crs());
  }

  public Crs source() {
    return from.crs();
  }

  public Crs target() {
    return to.crs();
  }

  /** The transform from {@link #target()} back to {@link #source()}. */
  public CrsTransform inverse() {
    return new CrsTransform(to, from);
  }

  /**
   * Transforms one point.
   *
   * @throws IllegalArgumentException naming the value if it is outside either CRS's domain
   */
  public XY transform(double x, double y) {
    double[] buffer = new double[2];
    apply(x, y, buffer, -1);
    return new XY(buffer[0], buffer[1]);
  }

  /**
   * Transforms {@code pointCount} interleaved points {@code x0, y0, x1, y1, …} from {@code src}
   * starting at {@code srcOffset} into {@code dst} starting at {@code dstOffset}. {@code src} and
   * {@code dst} may be the same array at the same offset.
   *
   * @throws IllegalArgumentException at the first bad point, naming its index (counted from the
   *     first point of this call) and value; points before it have been written to {@code dst}
   */
  public void transform(double[] src, int srcOffset, double[] dst, int dstOffset, int pointCount) {
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(dst, "dst");
    Objects.checkFromIndexSize(srcOffset, 2 * pointCount, src.length);
    Objects.checkFromIndexSize(dstOffset, 2 * pointCount, dst.length);
    double[] buffer = new double[2];
    for (int i = 0; i < pointCount; i++) {
      apply(src[srcOffset + 2 * i], src[srcOffset + 2 * i + 1], buffer, i);
      dst[dstOffset + 2 * i] = buffer[0];
      dst[dstOffset + 2 * i + 1] = buffer[1];
    }
  }

  /** Transforms interleaved points {@code x0, y0, x1, y1, …} in place; see the offset variant. */
  public void transform(double[] xy) {
    if (xy.length % 2 != 0) {
      throw new IllegalArgumentException(
          "interleaved x, y array has odd length " + xy.length + "; expected pairs");
    }
    transform(xy, 0, xy, 0, xy.length / 2);
  }

  /**
   * Transforms points held as two columns, in place: {@code xs[i], ys[i]} becomes the target's x,
   * y. Suits column-wise CSV import.
   *
   * @throws IllegalArgumentException if the lengths differ, or at the first bad point as for the
   *     interleaved variant
   */
  public void transform(double[] xs, double[] ys) {
    if (xs.length != ys.length) {
      throw new IllegalArgumentException(
          "x and y columns differ in length: " + xs.length + " and " + ys.length);
    }
    double[] buffer = new double[2];
    for (int i = 0; i < xs.length; i++) {
      apply(xs[i], ys[i], buffer, i);
      xs[i] = buffer[0];
      ys[i] = buffer[1];
    }
  }

  private void apply(double x, double y, double[] buffer, int index) {
    if (identity) {
      from.toLonLat(x, y, buffer, index); // validates; no round trip through the hub
      buffer[0] = x;
      buffer[1] = y;
      return;
    }
    from.toLonLat(x, y, buffer, index);
    to.fromLonLat(buffer[0], buffer[1], buffer, index);
  }

  @Override
  public String toString() {
    return "CrsTransform[" + source().id() + " → " + target().id() + "]";
  }
}
