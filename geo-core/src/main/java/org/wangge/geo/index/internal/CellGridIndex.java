package org.wangge.geo.index.internal;

import java.util.Arrays;
import java.util.Collection;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.wangge.geo.grid.Grid;

/**
 * The fast grid index: a precomputed two-level cell table over the unit grids.
 *
 * <p>The extent is cut into square <em>cells</em> (about 1/16 of a typical grid's side) grouped in
 * 8×8 <em>blocks</em>. A cell that no grid edge touches lies wholly inside one grid (or none) and
 * stores that answer; a block whose 64 cells all give the same answer stores it once. Only a cell
 * that a grid edge touches keeps a short list of candidate grids, tested exactly in code order with
 * {@link PackedPolygons#covers}. A lookup is two array reads for most points, which is what bounds
 * its speed: memory latency, not arithmetic.
 *
 * <p>Exactness: edges are rasterised conservatively (every cell within 10⁻⁶ cell of an edge counts
 * as touched), so a cell answered without a geometry test cannot contain a point on or near any
 * grid boundary, whatever floating-point rounding does to the cell arithmetic.
 *
 * <p>Immutable and thread-safe after {@link #build}.
 */
public final class CellGridIndex extends AbstractGridIndex {

  /** Cells per grid side for a grid of average size. */
  private static final int CELLS_PER_GRID_SIDE = 16;

  /** Upper bound on cells, which bounds build memory (one int per cell while building). */
  private static final long MAX_CELLS = 16_000_000L;

  private static final int BLOCK_SHIFT = 3;
  private static final int BLOCK = 1 << BLOCK_SHIFT;
  private static final int EMPTY = -1;

  /** Cell-unit tolerance of the conservative rasterisation. */
  private static final double EPS = 1e-6;

  private final PackedPolygons polygons;
  private final double minX;
  private final double minY;
  private final double inv;
  private final int nu;
  private final int nv;
  private final int blocksPerRow;

  /** Per block: a grid index, {@link #EMPTY}, or {@code -(block number) - 2}. */
  private final int[] coarse;

  /** 64 entries per mixed block: a grid index, {@link #EMPTY}, or {@code -(list offset) - 2}. */
  private final int[] blocks;

  /** Candidate lists: a count, then grid indexes in ascending (code) order. */
  private final int[] candidates;

  private CellGridIndex(Collection<Grid> grids) {
    super(grids);
    polygons = new PackedPolygons(unitGeometries);
    int n = polygons.size();
    Envelope extent = new Envelope();
    double area = 0;
    for (Geometry g : unitGeometries) {
      extent.expandToInclude(g.getEnvelopeInternal());
      area += g.getArea();
    }
    if (n == 0) {
      extent = new Envelope(0, 1, 0, 1);
      area = 1;
    }
    double cell = Math.sqrt(area / Math.max(1, n)) / CELLS_PER_GRID_SIDE;
    double w = extent.getWidth();
    double h = extent.getHeight();
    while ((w / cell + 2) * (h / cell + 2) > MAX_CELLS) {
      cell *= 1.1;
    }
    if (!(cell > 0)) {
      cell = Math.max(w, h) > 0 ? Math.max(w, h) : 1;
    }
    inv = 1 / cell;
    minX = extent.getMinX() - cell / 2;
    minY = extent.getMinY() - cell / 2;
    nu = roundUpToBlock((int) Math.ceil(w * inv) + 2);
    nv = roundUpToBlock((int) Math.ceil(h * inv) + 2);
    blocksPerRow = nu / BLOCK;

    Raster raster = new Raster(nu, nv);
    for (int g = 0; g < n; g++) {
      rasterizeEdges(raster, unitGeometries.get(g), g);
    }
    for (int g = 0; g < n; g++) {
      fillInterior(raster, unitGeometries.get(g), g);
    }
    int[][] lists = raster.candidateLists();
    int[] candidateStore = new int[lists[0].length];
    System.arraycopy(lists[0], 0, candidateStore, 0, candidateStore.length);
    candidates = candidateStore;
    int[] cellToList = lists[1];

    int blockCount = blocksPerRow * (nv / BLOCK);
    coarse = new int[blockCount];
    int[] mixed = new int[1024];
    int mixedCount = 0;
    int[] entries = new int[BLOCK * BLOCK];
    for (int by = 0; by < nv / BLOCK; by++) {
      for (int bx = 0; bx < blocksPerRow; bx++) {
        boolean uniform = true;
        for (int j = 0; j < BLOCK; j++) {
          for (int i = 0; i < BLOCK; i++) {
            int cellIndex = (by * BLOCK + j) * nu + bx * BLOCK + i;
            int list = cellToList[cellIndex];
            int entry = list >= 0 ? -list - 2 : raster.label[cellIndex];
            entries[j * BLOCK + i] = entry;
            uniform &= entry == entries[0];
          }
        }
        int blockIndex = by * blocksPerRow + bx;
        if (uniform && entries[0] >= EMPTY) {
          coarse[blockIndex] = entries[0];
        } else {
          if ((mixedCount + 1) * 64 > mixed.length) {
            mixed = Arrays.copyOf(mixed, mixed.length * 2);
          }
          System.arraycopy(entries, 0, mixed, mixedCount * 64, 64);
          coarse[blockIndex] = -mixedCount - 2;
          mixedCount++;
        }
      }
    }
    blocks = Arrays.copyOf(mixed, mixedCount * 64);
  }

  public static CellGridIndex build(Collection<Grid> grids) {
    return new CellGridIndex(grids);
  }

  private static int roundUpToBlock(int cells) {
    return (cells + BLOCK - 1) / BLOCK * BLOCK;
  }

  @Override
  public int locateIndex(double lon, double lat) {
    double u = (lon - minX) * inv;
    double v = (lat - minY) * inv;
    if (!(u >= 0 && v >= 0 && u < nu && v < nv)) {
      return NONE;
    }
    int iu = (int) u;
    int iv = (int) v;
    int c = coarse[(iv >>> BLOCK_SHIFT) * blocksPerRow + (iu >>> BLOCK_SHIFT)];
    if (c >= 0) {
      return c;
    }
    if (c == EMPTY) {
      return NONE;
    }
    int e = blocks[((-c - 2) << 6) | ((iv & (BLOCK - 1)) << BLOCK_SHIFT) | (iu & (BLOCK - 1))];
    if (e >= 0) {
      return e;
    }
    if (e == EMPTY) {
      return NONE;
    }
    int offset = -e - 2;
    int count = candidates[offset];
    for (int k = 1; k <= count; k++) {
      int g = candidates[offset + k];
      if (polygons.covers(g, lon, lat)) {
        return g;
      }
    }
    return NONE;
  }

  /** Cells, candidate lists and bytes held by the query structure (for the benchmark report). */
  public String describe() {
    long bytes = 4L * (coarse.length + blocks.length + candidates.length);
    bytes += 8L * polygons.coords.length + 8L * polygons.bounds.length;
    bytes += 4L * (polygons.ringStart.length + polygons.partRingStart.length);
    bytes += 4L * polygons.polygonPartStart.length;
    return String.format(
        "cells %d×%d (%.1f m), blocks %d of which mixed %d, candidate ints %d, query arrays %.1f MB",
        nu,
        nv,
        1 / inv * 111_320,
        coarse.length,
        blocks.length / 64,
        candidates.length,
        bytes / 1e6);
  }

  // --- build ---------------------------------------------------------------------------------

  private void rasterizeEdges(Raster raster, Geometry geometry, int g) {
    forEachRing(
        geometry,
        ring -> {
          for (int i = 2; i < ring.length; i += 2) {
            rasterizeSegment(raster, ring[i - 2], ring[i - 1], ring[i], ring[i + 1], g);
          }
        });
  }

  private void rasterizeSegment(Raster raster, double ax, double ay, double bx, double by, int g) {
    int v0 = Math.max(0, (int) Math.floor(Math.min(ay, by) - EPS));
    int v1 = Math.min(nv - 1, (int) Math.floor(Math.max(ay, by) + EPS));
    for (int v = v0; v <= v1; v++) {
      double xa;
      double xb;
      if (ay == by) {
        xa = Math.min(ax, bx);
        xb = Math.max(ax, bx);
      } else {
        double t0 = (v - EPS - ay) / (by - ay);
        double t1 = (v + 1 + EPS - ay) / (by - ay);
        if (t0 > t1) {
          double t = t0;
          t0 = t1;
          t1 = t;
        }
        t0 = Math.max(t0, 0);
        t1 = Math.min(t1, 1);
        if (t0 > t1) {
          continue;
        }
        double x0 = ax + t0 * (bx - ax);
        double x1 = ax + t1 * (bx - ax);
        xa = Math.min(x0, x1);
        xb = Math.max(x0, x1);
      }
      int u0 = Math.max(0, (int) Math.floor(xa - EPS));
      int u1 = Math.min(nu - 1, (int) Math.floor(xb + EPS));
      for (int u = u0; u <= u1; u++) {
        raster.touch(v * nu + u, g);
      }
    }
  }

  /**
   * Marks cells whose centre lies inside the grid. Cells no edge touches are wholly inside; a cell
   * already touched by another grid's edge gets this grid as a candidate too.
   */
  private void fillInterior(Raster raster, Geometry geometry, int g) {
    java.util.List<double[]> rings = new java.util.ArrayList<>();
    forEachRing(geometry, rings::add);
    double minV = Double.MAX_VALUE;
    double maxV = -Double.MAX_VALUE;
    for (double[] ring : rings) {
      for (int i = 1; i < ring.length; i += 2) {
        minV = Math.min(minV, ring[i]);
        maxV = Math.max(maxV, ring[i]);
      }
    }
    double[] xs = new double[16];
    for (int v = Math.max(0, (int) Math.floor(minV)); v <= Math.min(nv - 1, (int) maxV); v++) {
      double yc = v + 0.5;
      int count = 0;
      for (double[] ring : rings) {
        for (int i = 2; i < ring.length; i += 2) {
          double y1 = ring[i - 1];
          double y2 = ring[i + 1];
          if ((y1 > yc) != (y2 > yc)) {
            double x1 = ring[i - 2];
            double x2 = ring[i];
            if (count == xs.length) {
              xs = Arrays.copyOf(xs, count * 2);
            }
            xs[count++] = x1 + (yc - y1) * (x2 - x1) / (y2 - y1);
          }
        }
      }
      Arrays.sort(xs, 0, count);
      for (int k = 0; k + 1 < count; k += 2) {
        int u0 = Math.max(0, (int) Math.ceil(xs[k] - 0.5));
        int u1 = Math.min(nu - 1, (int) Math.floor(xs[k + 1] - 0.5));
        for (int u = u0; u <= u1; u++) {
          raster.fill(v * nu + u, g);
        }
      }
    }
  }

  /** Calls {@code action} with each ring as u0, v0, u1, v1, … in cell units. */
  private void forEachRing(Geometry geometry, java.util.function.Consumer<double[]> action) {
    for (int p = 0; p < geometry.getNumGeometries(); p++) {
      Polygon polygon = (Polygon) geometry.getGeometryN(p);
      for (int r = -1; r < polygon.getNumInteriorRing(); r++) {
        var seq =
            (r < 0 ? polygon.getExteriorRing() : polygon.getInteriorRingN(r))
                .getCoordinateSequence();
        double[] ring = new double[seq.size() * 2];
        for (int i = 0; i < seq.size(); i++) {
          ring[2 * i] = (seq.getX(i) - minX) * inv;
          ring[2 * i + 1] = (seq.getY(i) - minY) * inv;
        }
        action.accept(ring);
      }
    }
  }

  /** Build-time cell state: single owner labels, touched cells and (cell, grid) pairs. */
  private static final class Raster {
    final int[] label;
    final long[] touched;
    long[] pairs = new long[1 << 16];
    int pairCount;

    Raster(int nu, int nv) {
      label = new int[nu * nv];
      Arrays.fill(label, EMPTY);
      touched = new long[(label.length + 63) >>> 6];
    }

    boolean isTouched(int cell) {
      return (touched[cell >>> 6] & (1L << cell)) != 0;
    }

    void touch(int cell, int g) {
      touched[cell >>> 6] |= 1L << cell;
      addPair(cell, g);
    }

    void fill(int cell, int g) {
      if (isTouched(cell)) {
        addPair(cell, g);
      } else if (label[cell] == EMPTY) {
        label[cell] = g;
      } else {
        // Two grids claim the same cell: an overlap. Keep both as candidates; the edge rule
        // decides.
        touched[cell >>> 6] |= 1L << cell;
        addPair(cell, label[cell]);
        addPair(cell, g);
      }
    }

    private void addPair(int cell, int g) {
      if (pairCount == pairs.length) {
        pairs = Arrays.copyOf(pairs, pairs.length * 2);
      }
      pairs[pairCount++] = ((long) cell << 32) | g;
    }

    /** Returns {candidate store, cell → list offset or -1}. */
    int[][] candidateLists() {
      long[] sorted = Arrays.copyOf(pairs, pairCount);
      Arrays.sort(sorted);
      int[] cellToList = new int[label.length];
      Arrays.fill(cellToList, -1);
      int[] store = new int[Math.max(16, pairCount + pairCount / 2)];
      int size = 0;
      int i = 0;
      while (i < sorted.length) {
        int cell = (int) (sorted[i] >>> 32);
        if (size + 2 + (sorted.length - i) > store.length) {
          store = Arrays.copyOf(store, store.length * 2 + 16);
        }
        int countAt = size++;
        int count = 0;
        int last = -1;
        while (i < sorted.length && (int) (sorted[i] >>> 32) == cell) {
          int g = (int) sorted[i];
          if (g != last) {
            store[size++] = g;
            count++;
            last = g;
          }
          i++;
        }
        store[countAt] = count;
        cellToList[cell] = countAt;
      }
      return new int[][] {Arrays.copyOf(store, size), cellToList};
    }
  }
}
