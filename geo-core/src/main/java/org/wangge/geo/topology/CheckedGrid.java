package org.wangge.geo.topology;

import org.locationtech.jts.geom.Geometry;
import org.wangge.geo.codes.GridCode;
import org.wangge.geo.grid.GridLevel;

/**
 * A grid as the check sees it: its own (possibly repaired) geometry, never handed out, and the
 * source row when it came from a {@link GridRecord}.
 */
record CheckedGrid(GridCode code, GridLevel level, GridCode parent, Geometry geometry, Long row) {

  CheckedGrid withGeometry(Geometry repaired) {
    return new CheckedGrid(code, level, parent, repaired, row);
  }

  String codeText() {
    return code.digits();
  }
}
