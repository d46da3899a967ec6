package org.wangge.api.importing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.security.Principal;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.api.web.InvalidParameterException;
import org.wangge.api.web.NotFoundException;
import org.wangge.api.web.Params;
import org.wangge.geo.crs.Crs;
import org.wangge.geo.io.ReadOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Survey import jobs (ADMIN, SURVEYOR). {@code POST /api/imports?dryRun=&crs=&charset=&mapping=}
 * with a multipart {@code file} → 202 and the job; {@code GET /api/imports/{id}}; {@code GET
 * /api/imports/{id}/progress} (server-sent events until the job ends); {@code GET
 * /api/imports/{id}/rejections} (JSON, paged) and {@code /rejections.csv} (download).
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ImportingComponents importing;
  private final DatabaseClient db;
  private final Uploads uploads;

  ImportController(ImportingComponents importing, DatabaseClient db, Uploads uploads) {
    this.importing = importing;
    this.db = db;
    this.uploads = uploads;
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Mono<ResponseEntity<Map<String, Object>>> upload(
      @RequestPart("file") Mono<FilePart> file,
      @RequestParam(required = false) String dryRun,
      @RequestParam(required = false) String crs,
      @RequestParam(required = false) String charset,
      @RequestParam(required = false) String mapping,
      Principal principal) {
    ImportOptions options = options(dryRun, crs, charset, mapping);
    return file.switchIfEmpty(
            Mono.error(
                new InvalidParameterException("file", "a multipart part 'file' is required")))
        .flatMap(
            part ->
                start(
                    uploads.receive(part.filename(), part.content()),
                    part.filename(),
                    options,
                    principal.getName()))
        .map(ImportController::accepted);
  }

  /**
   * The same as the multipart upload for a raw body ({@code application/octet-stream}), named by
   * {@code fileName}: the fast path for large files and scripts ({@code curl -X POST -T f}, which
   * streams; {@code --data-binary @f} reads the whole file into memory before its first byte, ~0.6
   * s for 148 MB).
   */
  @PostMapping(consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
  Mono<ResponseEntity<Map<String, Object>>> uploadRaw(
      org.springframework.http.server.reactive.ServerHttpRequest request,
      @RequestParam(required = false) String fileName,
      @RequestParam(required = false) String dryRun,
      @RequestParam(required = false) String crs,
      @RequestParam(required = false) String charset,
      @RequestParam(required = false) String mapping,
      Principal principal) {
    ImportOptions options = options(dryRun, crs, charset, mapping);
    return start(
            uploads.receive(fileName, request.getBody()), fileName, options, principal.getName())
        .map(ImportController::accepted);
  }

  /**
   * Starts the job as soon as the upload's file exists (a CSV is read while it arrives) and answers
   * once the whole upload is in: 202, or the upload's own failure (e.g. 400 over the size limit;
   * the job then fails too and writes nothing).
   */
  private Mono<UUID> start(
      Mono<Upload> receiving, String fileName, ImportOptions options, String user) {
    return receiving.flatMap(
        upload ->
            importing
                .start(upload, fileName, options, user)
                .onErrorResume(
                    e ->
                        upload
                            .received()
                            .onErrorResume(f -> Mono.empty())
                            .then(Mono.fromRunnable(() -> Uploads.discard(upload.path())))
                            .then(Mono.error(e)))
                .flatMap(id -> upload.received().thenReturn(id)));
  }

  private static ResponseEntity<Map<String, Object>> accepted(UUID id) {
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .header(HttpHeaders.LOCATION, "/api/imports/" + id)
        .body(
            Map.of(
                "id",
                id.toString(),
                "status",
                "QUEUED",
                "progress",
                "/api/imports/" + id + "/progress",
                "rejections",
                "/api/imports/" + id + "/rejections.csv"));
  }

  private ImportOptions options(String dryRun, String crs, String charset, String mapping) {
    ReadOptions read = ReadOptions.defaults();
    if (crs != null && !crs.isBlank()) {
      try {
        read = read.withCrs(Crs.parse(crs));
      } catch (IllegalArgumentException e) {
        throw new InvalidParameterException("crs", e.getMessage());
      }
    }
    if (charset != null && !charset.isBlank()) {
      try {
        read = read.withCharset(Charset.forName(charset.strip()));
      } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
        throw new InvalidParameterException(
            "charset", "charset '" + charset + "' is not known (try UTF-8 or GBK)");
      }
    }
    Map<String, String> fields = Map.of();
    if (mapping != null && !mapping.isBlank()) {
      try {
        fields = JSON.readValue(mapping, new TypeReference<Map<String, String>>() {});
      } catch (Exception e) {
        throw new InvalidParameterException(
            "mapping",
            "mapping must be a JSON object of survey field → column, e.g. {\"DeptName1\": \"管理单位\"}");
      }
    }
    boolean dry = dryRun != null && (dryRun.equalsIgnoreCase("true") || dryRun.equals("1"));
    if (dryRun != null && !dry && !dryRun.equalsIgnoreCase("false") && !dryRun.equals("0")) {
      throw new InvalidParameterException(
          "dryRun", "dryRun '" + dryRun + "' must be true or false");
    }
    return new ImportOptions(dry, read, fields);
  }

  @GetMapping("/{id}")
  Mono<Map<String, Object>> job(@PathVariable String id) {
    return db.sql("select * from import_job where id = :id")
        .bind("id", uuid(id))
        .fetch()
        .one()
        .switchIfEmpty(Mono.error(new NotFoundException("import job " + id + " does not exist")));
  }

  @GetMapping(value = "/{id}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  Flux<ServerSentEvent<ImportProgress>> progress(@PathVariable String id) {
    return importing
        .progress(uuid(id))
        .map(p -> ServerSentEvent.builder(p).event(p.isFinal() ? "done" : "progress").build());
  }

  @GetMapping("/{id}/rejections")
  Flux<Map<String, Object>> rejections(
      @PathVariable String id,
      @RequestParam(required = false) String page,
      @RequestParam(required = false) String size) {
    int pageNo = Params.intIn("page", page, 0, 0, 1_000_000);
    int pageSize = Params.intIn("size", size, 1000, 1, 10_000);
    return db.sql(
            "select row_number, code, field, reason from import_rejection where job_id = :id"
                + " order by row_number limit :l offset :o")
        .bind("id", uuid(id))
        .bind("l", pageSize)
        .bind("o", (long) pageNo * pageSize)
        .fetch()
        .all();
  }

  @GetMapping(value = "/{id}/rejections.csv", produces = "text/csv;charset=UTF-8")
  Mono<ResponseEntity<byte[]>> rejectionsCsv(@PathVariable String id) {
    return db.sql(
            "select row_number, code, field, reason from import_rejection where job_id = :id"
                + " order by row_number")
        .bind("id", uuid(id))
        .fetch()
        .all()
        .reduce(
            new StringBuilder("\uFEFFrow,code,field,reason\n"),
            (sb, r) ->
                sb.append(r.get("row_number"))
                    .append(',')
                    .append(csv(r.get("code")))
                    .append(',')
                    .append(csv(r.get("field")))
                    .append(',')
                    .append(csv(r.get("reason")))
                    .append('\n'))
        .map(
            sb ->
                ResponseEntity.ok()
                    .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"import-" + id + "-rejections.csv\"")
                    .body(sb.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static String csv(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("id", "'" + id + "' is not an import job id");
    }
  }
}
