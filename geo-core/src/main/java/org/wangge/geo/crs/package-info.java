/**
 * Coordinate reference systems and transforms: WGS 84, CGCS2000 and its Gauss-Krüger zones, Web
 * Mercator, and the Chinese web-map offsets GCJ-02 and BD-09.
 *
 * <p>Public API: {@link org.wangge.geo.crs.Crs} (which system), {@link
 * org.wangge.geo.crs.CoordinateTransforms} and {@link org.wangge.geo.crs.CrsTransform} (how to
 * convert), {@link org.wangge.geo.crs.PrjFiles} (which system a shapefile's {@code .prj} names).
 * Internally every transform goes through CGCS2000 lon/lat (EPSG:4490); projected maths is proj4j.
 */
package org.wangge.geo.crs;
