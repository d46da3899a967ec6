package org.wangge.api.component;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.accept.RequestedContentTypeResolver;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.NotAcceptableStatusException;
import org.wangge.api.web.InvalidParameterException;
import org.wangge.api.web.Params;
import org.wangge.geo.component.ComponentState;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/components?bbox=&class=&state=&unit=&grid=&page=&size=}: components in a box
 * and/or by filter, as one GeoJSON FeatureCollection of at most {@code size} (default 2,000, at
 * most 10,000; more is a 400 naming {@code size}); {@code numberMatched} says how many match in
 * all, {@code page} pages through them in code order. Each feature's bytes are encoded once per
 * snapshot and written from where they lie ({@link FeatureCollectionBody}).
 *
 * <p>A functional endpoint ({@link ComponentListRoute}) rather than an annotated method: the map
 * asks for boxes thousands of times a second, and the annotated machinery (eight argument resolvers
 * with binders and conversions, the result handling) cost about as much CPU as the query. It keeps
 * the annotated method's contract: a parameter given twice is seen comma-joined (and refused as the
 * single value it then is), an {@code Accept} that excludes JSON is a 406, and a refusal is an
 * error signal, so {@code Problems} answers it as problem+json naming the field.
 */
final class ComponentList {

  private static final List<MediaType> PRODUCES = List.of(MediaType.APPLICATION_JSON);

  private final ComponentStore store;
  private final RequestedContentTypeResolver accepted;

  ComponentList(ComponentStore store, RequestedContentTypeResolver accepted) {
    this.store = store;
    this.accepted = accepted;
  }

  Mono<ServerResponse> handle(ServerRequest request) {
    try {
      if (!acceptsJson(request)) {
        return Mono.error(new NotAcceptableStatusException(PRODUCES));
      }
      MultiValueMap<String, String> query = request.queryParams();
      return list(
          param(query, "bbox"),
          param(query, "class"),
          param(query, "state"),
          param(query, "unit"),
          param(query, "grid"),
          param(query, "page"),
          param(query, "size"));
    } catch (RuntimeException refused) {
      return Mono.error(refused);
    }
  }

  private boolean acceptsJson(ServerRequest request) {
    if (request.headers().firstHeader("Accept") == null) {
      return true;
    }
    for (MediaType type : accepted.resolveMediaTypes(request.exchange())) {
      if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
        return true;
      }
    }
    return false;
  }

  /** One value as given, several comma-joined (as {@code @RequestParam String} sees them). */
  private static String param(MultiValueMap<String, String> query, String name) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.get(0) : String.join(",", values);
  }

  private Mono<ServerResponse> list(
      String bbox,
      String classCode,
      String state,
      String unit,
      String grid,
      String page,
      String size) {
    int pageNo = Params.intIn("page", page, 0, 0, 1_000_000);
    int pageSize = Params.intIn("size", size, 2000, 1, 10_000);
    if (state != null) {
      try {
        state = ComponentState.parse(state).name();
      } catch (IllegalArgumentException e) {
        throw new InvalidParameterException("state", e.getMessage());
      }
    }
    if (bbox == null && classCode == null && unit == null && grid == null) {
      throw new InvalidParameterException(
          "bbox", "give bbox, or filter by class, unit or grid, so the answer stays small");
    }
    ComponentStore.Snapshot s = store.snapshot();
    int[] matches = new int[Math.min(pageSize, 256)];
    int returned = 0;
    long skip = (long) pageNo * pageSize; // up to 10^10: not an int
    int total = 0;
    boolean filtered = classCode != null || state != null || unit != null || grid != null;
    int[] candidates;
    int n;
    if (bbox != null) {
      double[] b = Params.bbox("bbox", bbox);
      BoxIds found = BoxIds.collect(); // this thread's arrays: read before the next query
      s.index().bbox(b[0], b[1], b[2], b[3], found);
      found.sort(); // pages are in id (= code) order
      candidates = found.ids();
      n = found.count();
    } else {
      candidates = null;
      n = s.rows().size();
    }
    for (int k = 0; k < n; k++) {
      int id = candidates != null ? candidates[k] : k;
      if (!filtered || matches(s.rows().get(id), classCode, state, unit, grid)) {
        if (total >= skip && returned < pageSize) {
          if (returned == matches.length) {
            matches = Arrays.copyOf(matches, Math.min(pageSize, returned * 2));
          }
          matches[returned++] = id;
        }
        total++;
      }
    }
    byte[] head =
        ("{\"type\":\"FeatureCollection\",\"numberMatched\":"
                + total
                + ",\"numberReturned\":"
                + returned
                + ",\"page\":"
                + pageNo
                + ",\"size\":"
                + pageSize
                + ",\"features\":[")
            .getBytes(StandardCharsets.UTF_8);
    int[] ids = matches;
    int count = returned;
    return ServerResponse.ok()
        .build(
            (exchange, context) ->
                FeatureCollectionBody.write(
                    exchange.getResponse(), head, s.features(), ids, count));
  }

  private static boolean matches(
      ComponentRow r, String classCode, String state, String unit, String grid) {
    return (classCode == null || r.classCode().startsWith(classCode))
        && (state == null || r.state().equals(state))
        && (unit == null
            || unit.equals(r.maintenanceUnitId())
            || unit.equals(r.ownerId())
            || unit.equals(r.competentDeptId()))
        && (grid == null || (r.gridCode() != null && r.gridCode().startsWith(grid)));
  }
}
