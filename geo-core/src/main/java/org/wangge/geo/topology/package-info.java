/**
 * The topology check of a grid set: {@link org.wangge.geo.topology.TopologyCheck} takes grids (and
 * raw {@link org.wangge.geo.topology.GridRecord}s) and returns a {@link
 * org.wangge.geo.topology.TopologyReport} of {@link org.wangge.geo.topology.TopologyProblem}s —
 * overlaps, gaps, overhangs, invalid rings, bad codes and parent links — each with codes, place,
 * area in m² and a message in English and Chinese.
 */
package org.wangge.geo.topology;
