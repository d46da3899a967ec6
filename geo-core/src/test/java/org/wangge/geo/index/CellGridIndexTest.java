package org.wangge.geo.index;

import java.util.Collection;
import org.wangge.geo.grid.Grid;

class CellGridIndexTest extends GridIndexContractTest {
  @Override
  GridIndex build(Collection<Grid> grids) {
    return GridIndex.build(grids);
  }
}
