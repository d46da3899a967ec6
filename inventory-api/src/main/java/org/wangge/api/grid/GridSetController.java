package org.wangge.api.grid;

import java.nio.charset.Charset;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.wangge.api.WanggeProperties;
import org.wangge.api.importing.Uploads;
import org.wangge.api.web.InvalidParameterException;
import org.wangge.geo.io.ReadOptions;
import reactor.core.publisher.Mono;

/**
 * Grid sets (ADMIN, SURVEYOR; activation ADMIN only):
 *
 * <ul>
 *   <li>{@code POST /api/grid-sets} multipart {@code file} (GeoJSON now; the survey formats when
 *       the import readers are wired in) with optional fields or query parameters {@code crs}
 *       (overrides the file's), {@code charset}, {@code level} (a level for rows without one, or
 *       the attribute holding it), {@code district} (default the served one) → 201 DRAFT summary;
 *   <li>{@code POST /api/grid-sets/{id}/check} → the topology report, status VALIDATED or REJECTED;
 *   <li>{@code GET /api/grid-sets/{id}/report} (JSON) and {@code …/report.geojson} (problem areas);
 *   <li>{@code POST /api/grid-sets/{id}/activate} → the re-assignment report; 409 unless VALIDATED;
 *   <li>{@code GET /api/grid-sets}, {@code GET /api/grid-sets/{id}}.
 * </ul>
 */
@RestController
@RequestMapping(value = "/api/grid-sets", produces = MediaType.APPLICATION_JSON_VALUE)
class GridSetController {

  private static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

  private final GridSets gridSets;
  private final WanggeProperties properties;
  private final Uploads uploads;

  GridSetController(GridSets gridSets, WanggeProperties properties, Uploads uploads) {
    this.uploads = uploads;
    this.gridSets = gridSets;
    this.properties = properties;
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Mono<ResponseEntity<String>> upload(ServerWebExchange exchange, Principal principal) {
    return exchange
        .getMultipartData()
        .flatMap(
            parts -> {
              if (!(parts.getFirst("file") instanceof FilePart file)) {
                return Mono.error(
                    new InvalidParameterException(
                        "file", "a multipart part 'file' holding the grid file is required"));
              }
              String district = field(exchange, parts, "district");
              ReadOptions options =
                  ReadOptions.defaults()
                      .withCrs(GridSets.crs(field(exchange, parts, "crs")))
                      .withCharset(charset(field(exchange, parts, "charset")));
              String level = field(exchange, parts, "level");
              return uploads
                  .save(file)
                  .flatMap(
                      tmp ->
                          Mono.defer(
                                  () ->
                                      gridSets.upload(
                                          new GridSets.UploadCommand(
                                              tmp,
                                              file.filename(),
                                              district == null ? properties.district() : district,
                                              options,
                                              level,
                                              principal.getName())))
                              .doFinally(s -> Uploads.discard(tmp)));
            })
        .map(
            created ->
                ResponseEntity.status(HttpStatus.CREATED)
                    .header("Location", "/api/grid-sets/" + created.path("id").asLong())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(created.toString()));
  }

  @PostMapping("/{id}/check")
  Mono<String> check(@PathVariable String id) {
    return gridSets.check(id(id)).map(Object::toString);
  }

  @GetMapping("/{id}/report")
  Mono<String> report(@PathVariable String id) {
    long setId = id(id);
    return gridSets
        .storedCheck(setId)
        .map(s -> CheckReports.json(setId, s.path("status").asString(), s.get("check")).toString());
  }

  @GetMapping(
      value = "/{id}/report.geojson",
      produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
  Mono<ResponseEntity<String>> reportGeoJson(@PathVariable String id) {
    long setId = id(id);
    return gridSets
        .storedCheck(setId)
        .map(
            s ->
                ResponseEntity.ok()
                    .contentType(GEO_JSON)
                    .body(CheckReports.geoJson(setId, s.get("check")).toString()));
  }

  @PostMapping("/{id}/activate")
  Mono<String> activate(@PathVariable String id, Principal principal) {
    return gridSets.activate(id(id), principal.getName()).map(Object::toString);
  }

  @GetMapping
  Mono<String> list() {
    return gridSets.list().map(Object::toString);
  }

  @GetMapping("/{id}")
  Mono<String> get(@PathVariable String id) {
    return gridSets.get(id(id)).map(Object::toString);
  }

  private static long id(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidParameterException("id", "grid set id '" + text + "' is not a number");
    }
  }

  private static String field(
      ServerWebExchange exchange, MultiValueMap<String, Part> parts, String name) {
    String value =
        parts.getFirst(name) instanceof FormFieldPart f
            ? f.value()
            : exchange.getRequest().getQueryParams().getFirst(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Charset charset(String name) {
    if (name == null) {
      return null;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(
          "charset", "charset '" + name + "' is not known (try UTF-8 or GBK)");
    }
  }
}
