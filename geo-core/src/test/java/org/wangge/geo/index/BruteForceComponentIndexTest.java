package org.wangge.geo.index;

class BruteForceComponentIndexTest extends ComponentIndexContractTest {
  @Override
  ComponentIndex build(double[] lons, double[] lats) {
    return ComponentIndex.bruteForce(lons, lats);
  }
}
