package org.wangge.data.internal;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Which cell holds a point, by an STR-tree of prepared cells. A stop-gap for generation only: the
 * platform's spatial index lives in geo-core. Not thread-safe (the tree builds on first query).
 */
public final class UnitGridLocator {

  private record Entry(int index, PreparedGeometry cell) {}

  private final STRtree tree = new STRtree();
  private final GeometryFactory gf;

  public UnitGridLocator(Geometry[] cells, GeometryFactory gf) {
    this.gf = gf;
    for (int i = 0; i < cells.length; i++) {
      tree.insert(
          cells[i].getEnvelopeInternal(), new Entry(i, PreparedGeometryFactory.prepare(cells[i])));
    }
    tree.build();
  }

  /** Index of the cell whose interior holds (x, y), or -1 (outside, or on an edge). */
  public int locate(double x, double y) {
    @SuppressWarnings("unchecked")
    List<Entry> hits = tree.query(new Envelope(x, x, y, y));
    if (hits.isEmpty()) {
      return -1;
    }
    var point = gf.createPoint(new Coordinate(x, y));
    int best = -1;
    for (Entry e : hits) {
      if (e.cell.containsProperly(point) && (best < 0 || e.index < best)) {
        best = e.index;
      }
    }
    return best;
  }
}
