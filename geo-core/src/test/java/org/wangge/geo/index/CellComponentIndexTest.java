package org.wangge.geo.index;

class CellComponentIndexTest extends ComponentIndexContractTest {
  @Override
  ComponentIndex build(double[] lons, double[] lats) {
    return ComponentIndex.build(lons, lats);
  }
}
