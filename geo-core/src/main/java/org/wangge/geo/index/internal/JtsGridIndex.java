package org.wangge.geo.index.internal;

import java.util.Collection;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.index.hprtree.HPRtree;
import org.wangge.geo.grid.Grid;

/**
 * The plain JTS answer: an {@link HPRtree} over grid envelopes, then an {@link
 * IndexedPointInAreaLocator} per candidate. The benchmark baseline and the test oracle for {@link
 * CellGridIndex}. Thread-safe: the tree and the locators are built eagerly.
 */
public final class JtsGridIndex extends AbstractGridIndex {

  private final HPRtree tree = new HPRtree();
  private final IndexedPointInAreaLocator[] locators;

  private JtsGridIndex(Collection<Grid> grids) {
    super(grids);
    locators = new IndexedPointInAreaLocator[unitGrids.size()];
    for (int i = 0; i < locators.length; i++) {
      locators[i] = new IndexedPointInAreaLocator(unitGeometries.get(i));
      // The locator builds its edge index lazily; force it now so queries never race on it.
      locators[i].locate(new Coordinate(0, 0));
      tree.insert(unitGeometries.get(i).getEnvelopeInternal(), i);
    }
    tree.build();
  }

  public static JtsGridIndex build(Collection<Grid> grids) {
    return new JtsGridIndex(grids);
  }

  @Override
  public int locateIndex(double lon, double lat) {
    if (!Double.isFinite(lon) || !Double.isFinite(lat)) {
      return NONE;
    }
    Coordinate p = new Coordinate(lon, lat);
    int[] best = {NONE};
    tree.query(
        new Envelope(lon, lon, lat, lat),
        item -> {
          int i = (Integer) item;
          if ((best[0] == NONE || i < best[0]) && locators[i].locate(p) != Location.EXTERIOR) {
            best[0] = i;
          }
        });
    return best[0];
  }
}
