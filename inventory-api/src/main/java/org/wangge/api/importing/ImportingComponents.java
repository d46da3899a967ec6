package org.wangge.api.importing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.io.WKBReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.wangge.api.CopyText;
import org.wangge.api.StampedCopy;
import org.wangge.api.WanggeProperties;
import org.wangge.api.component.CodeOrder;
import org.wangge.api.component.ComponentRow;
import org.wangge.api.component.ComponentStore;
import org.wangge.api.grid.GridStore;
import org.wangge.geo.codes.ClassCatalogue;
import org.wangge.geo.codes.ClassCode;
import org.wangge.geo.crs.CoordinateTransforms;
import org.wangge.geo.crs.Crs;
import org.wangge.geo.io.FeatureReader;
import org.wangge.geo.io.SourceFeature;
import org.wangge.geo.io.UnreadableFileException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The survey import of components: read → transform to CGCS2000 → validate each row → assign the
 * unit grid → write (COPY, staging, merge) in one transaction → report. Jobs run one at a time per
 * node on a bounded scheduler, never on an event loop; progress is published while they run.
 */
@Service
public class ImportingComponents {

  private static final Logger log = LoggerFactory.getLogger(ImportingComponents.class);
  private static final int CHUNK_ROWS = 4096;

  /** A component code's digits after the 6-digit county: 10, or 11 for the 17-digit form. */
  private static final int CODE_DIGITS_AFTER_COUNTY = 11;

  private final DatabaseClient db;
  private final ComponentWriter writer;
  private final GridStore grids;
  private final ComponentStore components;
  private final String district;
  private final org.wangge.geo.io.UploadArchives.Limits archiveLimits;
  private final Scheduler scheduler = Schedulers.newBoundedElastic(2, 64, "import");
  private final Scheduler writeScheduler = Schedulers.newBoundedElastic(2, 64, "import-write");
  private final Scheduler readScheduler = Schedulers.newBoundedElastic(2, 64, "import-read");
  private final Map<UUID, Sinks.Many<ImportProgress>> running = new ConcurrentHashMap<>();
  private final ClassCatalogue catalogue = ClassCatalogue.standard();
  private final RowValidator.KnownClasses knownClasses = new RowValidator.KnownClasses();

  /**
   * The hash of each component as the last import on this node left it, with the inventory's stamp
   * at that commit: while the stamp is unchanged (no write of any kind since), a re-import sends
   * only the rows whose hash differs. Null until this node's first import.
   */
  private record Stored(StampedCopy.Stamp stamp, RowHashes rows) {}

  private final java.util.concurrent.atomic.AtomicReference<Stored> stored =
      new java.util.concurrent.atomic.AtomicReference<>();

  /** Where the warm-up ({@link #warmUp}) writes its rows: a directory of its own per run. */
  private static final String WARM_UP_DIR = "warm-up-";

  private static final String WARM_UP_FILE = "warm-up.csv";

  /** The running warm-up's stop flag, and what it is reading. */
  private volatile java.util.concurrent.atomic.AtomicBoolean warmUpStop;

  private volatile Upload warmingUp;

  private final java.nio.file.Path importDir;

  ImportingComponents(
      DatabaseClient db,
      org.wangge.api.Database database,
      GridStore grids,
      ComponentStore components,
      WanggeProperties properties) {
    this.db = db;
    this.writer = new ComponentWriter(database);
    this.grids = grids;
    this.components = components;
    this.district = properties.district();
    this.archiveLimits = properties.archiveLimits();
    this.importDir = properties.importDir();
  }

  /**
   * Registers a job for an upload and starts it: a CSV is read while it arrives, other formats once
   * the upload is complete.
   */
  Mono<UUID> start(Upload file, String fileName, ImportOptions options, String user) {
    UUID id = UUID.randomUUID();
    Sinks.Many<ImportProgress> sink = Sinks.many().replay().latest();
    running.put(id, sink);
    stopWarmUp();
    return db.sql(
            "insert into import_job (id, kind, district_code, file_name, crs, dry_run, status,"
                + " created_by) values (:id, 'COMPONENTS', :d, :f, :crs, :dry, 'QUEUED', :u)")
        .bind("id", id)
        .bind("d", district)
        .bind("f", fileName)
        .bind("crs", options.read().crs() == null ? "" : options.read().crs().id())
        .bind("dry", options.dryRun())
        .bind("u", user)
        .then()
        .doOnSuccess(
            v ->
                Mono.defer(() -> run(id, file, fileName, options, user, sink))
                    .subscribeOn(scheduler)
                    .subscribe())
        // a job that was never registered never runs, so nothing else would forget it; before the
        // error goes on, so that the caller's answer never finds it still listed
        .doOnError(e -> running.remove(id))
        .doOnCancel(() -> running.remove(id))
        .thenReturn(id);
  }

  /** The jobs started and not yet ended (for tests). */
  Set<UUID> runningJobs() {
    return Set.copyOf(running.keySet());
  }

  /** Live progress of a running job; the final state of a finished one. */
  public Flux<ImportProgress> progress(UUID id) {
    Sinks.Many<ImportProgress> sink = running.get(id);
    if (sink != null) {
      return sink.asFlux();
    }
    return db.sql(
            "select status, message, total_rows, accepted, rejected, inserted, updated, unchanged"
                + " from import_job where id = :id")
        .bind("id", id)
        .map(
            (row, meta) ->
                new ImportProgress(
                    id.toString(),
                    row.get("status", String.class),
                    row.get("total_rows", Long.class),
                    row.get("accepted", Long.class),
                    row.get("rejected", Long.class),
                    row.get("inserted", Long.class),
                    row.get("updated", Long.class),
                    row.get("unchanged", Long.class),
                    row.get("message", String.class)))
        .all();
  }

  private Mono<Void> run(
      UUID id,
      Upload file,
      String fileName,
      ImportOptions options,
      String user,
      Sinks.Many<ImportProgress> sink) {
    long t0 = System.nanoTime();
    Counters n = new Counters();
    n.started = t0;
    return markRunning(id)
        .then(
            options.dryRun()
                ? Mono.fromCallable(
                        () ->
                            followingOnce(
                                n,
                                fileName,
                                follow -> prepare(id, file, follow, fileName, options, n, sink)))
                    .subscribeOn(scheduler)
                    .flatMap(job -> execute(id, job, n))
                : Mono.fromCallable(
                        () ->
                            followingOnce(
                                n,
                                fileName,
                                follow ->
                                    stream(id, file, follow, fileName, options, user, n, sink)))
                    .subscribeOn(scheduler))
        .flatMap(progress -> finish(id, "SUCCEEDED", progress.message(), n).thenReturn(progress))
        .doOnNext(
            p -> {
              log.info(
                  "import {} of {}: {} rows, {} accepted ({} new, {} updated, {} unchanged; {}"
                      + " sent), {} rejected in {} s (read+validate {} s, then write {} s, index built meanwhile"
                      + " in {} s){}",
                  id,
                  fileName,
                  n.read,
                  n.accepted,
                  n.inserted,
                  n.updated,
                  n.unchanged,
                  options.dryRun() ? 0 : n.sent,
                  n.rejected,
                  String.format("%.2f", (System.nanoTime() - t0) / 1e9),
                  String.format("%.2f", n.readNanos / 1e9),
                  String.format("%.2f", n.writeNanos / 1e9),
                  String.format("%.2f", n.indexNanos / 1e9),
                  options.dryRun() ? " (dry run)" : "");
              sink.tryEmitNext(p);
            })
        .onErrorResume(
            e -> {
              String message = message(e);
              log.warn("import {} of {} failed: {}", id, fileName, message);
              ImportProgress failed =
                  new ImportProgress(
                      id.toString(), "FAILED", n.read, n.accepted, n.rejected, 0, 0, 0, message);
              sink.tryEmitNext(failed);
              return finish(id, "FAILED", message, new Counters(n.read, 0, n.rejected))
                  .thenReturn(failed);
            })
        .doFinally(
            s -> {
              sink.tryEmitComplete();
              running.remove(id);
              Uploads.discard(file.path());
            })
        .then();
  }

  /**
   * Stops the warm-up: for good (it starts no further pass), and the pass it is in once its reader
   * has used up what it read ahead. A job that read alongside it would share the cores with it and
   * gain nothing; what it has compiled so far stays compiled.
   */
  private void stopWarmUp() {
    var stop = warmUpStop;
    if (stop != null) {
      stop.set(true);
    }
    Upload w = warmingUp;
    if (w != null) {
      w.abandon(new java.util.concurrent.CancellationException("an import started"));
    }
  }

  /**
   * What {@link #warmUp} did: passes ended, rows read, accepted and sent (encoded and handed over),
   * whether a job stopped it.
   */
  record WarmedUp(
      int passes, long rows, long accepted, long sent, boolean firstLoad, boolean stopped) {}

  /**
   * Takes a real run's path over {@code csv} (a CSV in CGCS2000 lon/lat), up to {@code maxPasses}
   * times and until {@code settled} says the compilers have little left to do, so that they have
   * compiled it before the first survey import: the upload followed from a file, parsing,
   * validation, the snapshot's rows, COPY encoding and hashing (through the same hand-over, to a
   * worker that drops the chunks), and on an empty inventory the first load's keys and snapshot
   * (built, never installed). Reads the district boundary; writes nothing, to the database or to
   * the inventory. Does nothing while a job runs; a job that starts stops it ({@link #stopWarmUp}).
   */
  WarmedUp warmUp(
      java.util.function.Supplier<byte[]> csv,
      int maxPasses,
      java.util.function.BooleanSupplier settled)
      throws Exception {
    var stop = new java.util.concurrent.atomic.AtomicBoolean();
    // published before running is read: a job registered after this sees it and sets it
    warmUpStop = stop;
    boolean firstLoad = components.snapshot().rows().isEmpty();
    if (!running.isEmpty()) {
      return new WarmedUp(0, 0, 0, 0, firstLoad, true);
    }
    String fileName = WARM_UP_FILE;
    sweepWarmUpFiles(); // of a JVM that stopped during its warm-up
    java.nio.file.Path dir = importDir.resolve(WARM_UP_DIR + UUID.randomUUID());
    int passes = 0;
    long rows = 0;
    long accepted = 0;
    long sent = 0;
    try {
      java.nio.file.Files.createDirectories(dir);
      dir.toFile().deleteOnExit(); // a JVM that stops meanwhile; deleted after the file
      java.nio.file.Path path = java.nio.file.Files.write(dir.resolve(fileName), csv.get());
      path.toFile().deleteOnExit();
      while (passes < maxPasses && !stop.get()) {
        Upload upload = new Upload(path);
        upload.complete();
        warmingUp = upload;
        if (stop.get()) {
          break; // a job started before it could see this upload
        }
        Counters n = new Counters();
        try {
          accepted += warmUpPass(upload, fileName, firstLoad, n);
        } catch (Exception e) {
          if (!stop.get()) {
            throw e;
          }
          break; // stopped by a job
        } finally {
          rows += n.read;
          sent += n.sent;
        }
        passes++;
        if (settled.getAsBoolean()) {
          break;
        }
      }
      return new WarmedUp(passes, rows, accepted, sent, firstLoad, stop.get());
    } finally {
      warmingUp = null;
      warmUpStop = null;
      Uploads.discard(dir.resolve(fileName));
    }
  }

  /**
   * Removes the warm-up files that a JVM killed during its warm-up left behind: those older than
   * any warm-up lasts (another JVM may share the import directory and be warming up now).
   */
  private void sweepWarmUpFiles() throws java.io.IOException {
    if (!java.nio.file.Files.isDirectory(importDir)) {
      return;
    }
    long before = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();
    try (var dirs = java.nio.file.Files.newDirectoryStream(importDir, WARM_UP_DIR + "*")) {
      for (java.nio.file.Path d : dirs) {
        if (java.nio.file.Files.getLastModifiedTime(d).toMillis() < before) {
          Uploads.discard(d.resolve(WARM_UP_FILE));
        }
      }
    }
  }

  /** One pass of {@link #warmUp}; returns the rows accepted. */
  private long warmUpPass(Upload upload, String fileName, boolean firstLoad, Counters n)
      throws Exception {
    // the chunks go through the same hand-over as a real run's, to a worker that drops them
    java.util.concurrent.BlockingQueue<byte[]> queue =
        new java.util.concurrent.ArrayBlockingQueue<>(8);
    java.util.concurrent.CompletableFuture<Void> dropping =
        Mono.<Void>fromCallable(
                () -> {
                  while (queue.take() != END) {
                    // dropped
                  }
                  return null;
                })
            .subscribeOn(writeScheduler)
            .toFuture();
    try {
      UUID id = new UUID(0, 0);
      n.started = System.nanoTime();
      ImportOptions options =
          new ImportOptions(
              false, org.wangge.geo.io.ReadOptions.defaults().withCrs(Crs.CGCS2000), Map.of());
      CopyBinary encoded = new CopyBinary(CHUNK_ROWS * 300);
      var hand = handingTo(queue, dropping);
      var sending = sending(id, encoded, new RowHashes(1 << 12), null, n, hand);
      Prepared job =
          followingOnce(
              n,
              fileName,
              follow ->
                  prepare(
                      id,
                      upload,
                      follow,
                      fileName,
                      options,
                      n,
                      Sinks.many().replay().latest(),
                      firstLoad,
                      sending));
      if (encoded.size() > 0) {
        hand.accept(encoded.take());
      }
      hand.accept(END);
      if (firstLoad) {
        components.prepare(job.accepted(), job.codeKeys());
      }
      dropping.join();
      return job.accepted().size();
    } finally {
      if (!dropping.isDone()) {
        queue.clear();
        queue.offer(END);
      }
    }
  }

  private static String message(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && !(t instanceof UnreadableFileException)) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }

  /** One reading of the upload; {@code follow}: while it arrives. */
  @FunctionalInterface
  private interface Attempt<T> {
    T run(boolean follow) throws Exception;
  }

  /**
   * Reads the upload while it arrives; if it turns out not to be UTF-8 (a CSV without a byte-order
   * mark or chosen charset is assumed UTF-8 until a byte says otherwise), everything done so far
   * has been rolled back and the complete file is read again, its encoding detected as a whole.
   */
  private static <T> T followingOnce(Counters n, String fileName, Attempt<T> attempt)
      throws Exception {
    try {
      return attempt.run(true);
    } catch (org.wangge.geo.io.CsvFiles.NotUtf8Exception e) {
      log.info("{} is not UTF-8: reading it again once complete", fileName);
      n.restart();
      return attempt.run(false);
    }
  }

  /** Opens the upload with its format's reader; see {@link #followingOnce}. */
  private FeatureReader open(Upload file, boolean follow, String fileName, ImportOptions options)
      throws java.io.IOException {
    if (follow && SpatialUploads.isCsv(fileName)) {
      return org.wangge.geo.io.CsvFiles.open(file.follow(), fileName, options.read());
    }
    return SpatialUploads.open(file.await(), fileName, options.read(), archiveLimits);
  }

  /** Everything read and validated, in memory, before the transaction starts. */
  private record Prepared(
      List<ComponentRow> accepted,
      CodeOrder.Keys codeKeys,
      List<Rejection> rejections,
      List<String> notices) {}

  private Prepared prepare(
      UUID id,
      Upload file,
      boolean follow,
      String fileName,
      ImportOptions options,
      Counters n,
      Sinks.Many<ImportProgress> sink)
      throws Exception {
    return prepare(id, file, follow, fileName, options, n, sink, false, row -> {});
  }

  /**
   * Reads and validates the whole file; {@code onAccepted} sees each accepted row as soon as it has
   * its final code (rows without a code come last, once every code in the file is known). For a
   * {@code firstLoad} it also makes the keys the new snapshot sorts by, so that the load's end only
   * sorts them (a re-import's snapshot is merged, not sorted from these).
   */
  private Prepared prepare(
      UUID id,
      Upload file,
      boolean follow,
      String fileName,
      ImportOptions options,
      Counters n,
      Sinks.Many<ImportProgress> sink,
      boolean firstLoad,
      java.util.function.Consumer<ImportedComponent> onAccepted)
      throws Exception {
    try (FeatureReader reader =
        new ReadAhead(
            open(file, follow, fileName, options), task -> readScheduler.schedule(task))) {
      Crs crs =
          options.read().crs() != null ? options.read().crs() : reader.declaredCrs().orElse(null);
      if (crs == null) {
        throw new UnreadableFileException(
            "'"
                + fileName
                + "' declares no coordinate system and none was given: pass crs (e.g."
                + " EPSG:4549 for CGCS2000 3° Gauss-Krüger CM 120°E, or CGCS2000 for lon/lat)");
      }
      FieldMapping mapping = FieldMapping.resolve(reader.fieldNames(), options.mapping());
      var active = grids.active();
      var boundary =
          db.sql("select boundary from district where code = :d")
              .bind("d", district)
              .map((row, meta) -> row.get("boundary", java.nio.ByteBuffer.class))
              .one()
              .block(Duration.ofSeconds(30));
      byte[] wkb = new byte[Objects.requireNonNull(boundary, "district boundary").remaining()];
      boundary.get(wkb);
      var area = new WKBReader().read(wkb);
      CodeAllocator codes = new CodeAllocator(district, this::highestSequences);
      RowValidator validator =
          new RowValidator(
              district,
              mapping,
              CoordinateTransforms.between(crs, Crs.CGCS2000),
              area,
              active.index(),
              catalogue,
              codes,
              knownClasses);
      // what the snapshot needs of each accepted row; the rows themselves go to onAccepted
      SnapshotRows snapshotRows = new SnapshotRows();
      List<ComponentRow> accepted = new ArrayList<>();
      CodeOrder.Keys codeKeys =
          firstLoad ? new CodeOrder.Keys(district, CODE_DIGITS_AFTER_COUNTY, 1 << 12) : null;
      List<ImportedComponent> needCode = new ArrayList<>();
      List<Rejection> rejections = new ArrayList<>();
      List<String> notices = new ArrayList<>();
      SourceFeature f;
      while ((f = reader.next()) != null) {
        n.read++;
        RowValidator.Outcome o = validator.validate(f);
        if (o.rejected() != null) {
          rejections.add(o.rejected());
        } else if (o.accepted().code() == null) {
          needCode.add(o.accepted());
        } else {
          accepted.add(snapshotRows.of(o.accepted()));
          if (codeKeys != null) {
            codeKeys.add(o.accepted().code());
          }
          onAccepted.accept(o.accepted());
        }
        if (o.notice() != null && notices.size() < 10_000) {
          notices.add("row " + f.row() + ": " + o.notice());
        }
        if (n.read % 50_000 == 0) {
          sink.tryEmitNext(
              new ImportProgress(
                  id.toString(),
                  "READING",
                  n.read,
                  accepted.size() + needCode.size(),
                  rejections.size(),
                  0,
                  0,
                  0,
                  null));
        }
      }
      for (ImportedComponent c : needCode) {
        ImportedComponent coded = c.withCode(codes.next(ClassCode.parse(c.classCode())).digits());
        accepted.add(snapshotRows.of(coded));
        if (codeKeys != null) {
          codeKeys.add(coded.code());
        }
        onAccepted.accept(coded);
      }
      n.accepted = accepted.size();
      n.readNanos = System.nanoTime() - n.started;
      n.rejected = rejections.size();
      return new Prepared(accepted, codeKeys, rejections, notices);
    }
  }

  private Map<String, Integer> highestSequences() {
    Map<String, Integer> highest = new HashMap<>();
    for (ComponentRow r : components.snapshot().rows()) {
      int seq = Integer.parseInt(r.code().substring(r.code().length() - 6));
      highest.merge(r.classCode(), seq, Math::max);
    }
    return highest;
  }

  private static final byte[] END = new byte[0];
  private static final byte[] ABORT = new byte[0];

  /**
   * A real run, leaving out the rows stored as they are in the file when this node knows them (see
   * {@link #stored}); if the inventory was written since, everything done is rolled back and the
   * file is read again, every row sent.
   */
  private ImportProgress stream(
      UUID id,
      Upload file,
      boolean follow,
      String fileName,
      ImportOptions options,
      String user,
      Counters n,
      Sinks.Many<ImportProgress> sink)
      throws Exception {
    Stored known = stored.get();
    if (known != null) {
      try {
        return stream(id, file, follow, fileName, options, user, n, sink, known);
      } catch (ComponentWriter.InventoryChanged e) {
        log.info("import {}: {}; sending every row", id, e.getMessage());
        stored.compareAndSet(known, null);
        n.restart();
      }
    }
    return stream(id, file, follow, fileName, options, user, n, sink, null);
  }

  /**
   * A real run: reading and validating on this worker while a second worker COPYs the encoded rows
   * in one transaction, handing over chunks through a small queue (back-pressure both ways). A
   * failure on either side aborts the other and rolls the transaction back.
   */
  private ImportProgress stream(
      UUID id,
      Upload file,
      boolean follow,
      String fileName,
      ImportOptions options,
      String user,
      Counters n,
      Sinks.Many<ImportProgress> sink,
      Stored known)
      throws Exception {
    java.util.concurrent.BlockingQueue<byte[]> queue =
        new java.util.concurrent.ArrayBlockingQueue<>(8);
    boolean empty = components.snapshot().rows().isEmpty();
    // rows are left out only against a known inventory, never on the direct path of a first load
    RowHashes leaveOut = empty || known == null ? null : known.rows();
    RowHashes next = leaveOut == null ? new RowHashes(1 << 12) : leaveOut.copy();
    List<Rejection>[] rejections = new List[1];
    java.util.concurrent.CompletableFuture<ComponentWriter.Written> writing =
        Mono.fromCallable(
                () ->
                    writer.write(
                        id,
                        () -> {
                          byte[] chunk = queue.take();
                          if (chunk == ABORT) {
                            throw new java.io.InterruptedIOException("reading failed");
                          }
                          return chunk == END ? null : chunk;
                        },
                        () -> rejectionRows(id, rejections[0]),
                        empty,
                        leaveOut == null ? null : known.stamp(),
                        user))
            .subscribeOn(writeScheduler)
            .toFuture();
    CopyBinary encoded = new CopyBinary(CHUNK_ROWS * 300);
    java.util.function.Consumer<byte[]> hand = handingTo(queue, writing);
    Prepared job;
    ComponentStore.Pending pending;
    try {
      job =
          prepare(
              id,
              file,
              follow,
              fileName,
              options,
              n,
              sink,
              empty,
              sending(id, encoded, next, leaveOut, n, hand));
      if (encoded.size() > 0) {
        hand.accept(encoded.take());
      }
      rejections[0] = job.rejections();
      sink.tryEmitNext(progress(id, "WRITING", n, null));
      hand.accept(END);
      // while the writer finishes the COPY and commits: the index the committed rows will need
      long building = System.nanoTime();
      pending = components.prepare(job.accepted(), job.codeKeys());
      n.indexNanos = System.nanoTime() - building;
    } catch (Exception | Error e) {
      queue.clear();
      queue.offer(ABORT);
      try {
        writing.join();
      } catch (RuntimeException writerFailure) {
        e.addSuppressed(writerFailure);
      }
      throw e;
    }
    ComponentWriter.Written written;
    try {
      written = writing.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    n.writeNanos = System.nanoTime() - n.started - n.readNanos;
    n.inserted = written.inserted();
    n.updated = written.updated();
    n.unchanged = job.accepted().size() - written.inserted() - written.updated();
    components.install(pending);
    stored.set(new Stored(written.stamp(), next));
    if (written.foreignKeysToValidate()) {
      validateForeignKeysLater("import " + id);
    }
    return progress(id, "SUCCEEDED", n, summary(job));
  }

  /**
   * Hands encoded chunks to the COPY's worker through {@code queue} (waiting while it is full), and
   * fails once {@code writing}, that worker's run, has ended: with its failure, or because it
   * stopped before the last chunk.
   */
  private static java.util.function.Consumer<byte[]> handingTo(
      java.util.concurrent.BlockingQueue<byte[]> queue,
      java.util.concurrent.CompletableFuture<?> writing) {
    return chunk -> {
      try {
        while (!queue.offer(chunk, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          if (writing.isDone()) {
            writing.join(); // rethrows the writer's failure
            throw new IllegalStateException("the writer stopped early");
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    };
  }

  /**
   * What a real run does with each accepted row: encodes it for the COPY, records its hash, leaves
   * it out when {@code leaveOut} holds it as it is (the merge would leave it unchanged), and hands
   * every {@link #CHUNK_ROWS} encoded rows over; the rows of a last, partial chunk stay in {@code
   * encoded}. The warm-up uses the same code with a hand that drops the chunks.
   */
  private java.util.function.Consumer<ImportedComponent> sending(
      UUID id,
      CopyBinary encoded,
      RowHashes next,
      RowHashes leaveOut,
      Counters n,
      java.util.function.Consumer<byte[]> hand) {
    int[] inChunk = {0};
    return row -> {
      long code = RowHashes.codeValue(row.code());
      int start = encoded.size();
      row.appendCopyRow(encoded, district, id);
      long hash = encoded.hash(start, encoded.size() - ImportedComponent.JOB_FIELD_BYTES);
      next.put(code, hash);
      if (leaveOut != null && leaveOut.holds(code, hash)) {
        encoded.truncate(start);
        return; // stored as it is: the merge would leave it unchanged
      }
      n.sent++;
      if (++inChunk[0] == CHUNK_ROWS) {
        hand.accept(encoded.take());
        inChunk[0] = 0;
      }
    };
  }

  /**
   * Validates, in the background, the inventory's foreign keys a first load added NOT VALID: after
   * its commit, and at every start (a service stopped before the validation ended left them so; no
   * work when there are none).
   */
  @org.springframework.context.event.EventListener(
      org.springframework.boot.context.event.ApplicationReadyEvent.class)
  void validateForeignKeysLeftNotValid() {
    validateForeignKeysLater("start-up");
  }

  private void validateForeignKeysLater(String after) {
    Mono.fromCallable(
            () -> {
              writer.validateForeignKeys();
              return true;
            })
        .subscribeOn(writeScheduler)
        .subscribe(
            ok -> log.debug("{}: the inventory's foreign keys are validated", after),
            e ->
                log.warn(
                    "{}: validating the inventory's foreign keys failed; they stay NOT VALID"
                        + " (still enforced for every new or changed row)",
                    after,
                    e));
  }

  /** A dry run: what the import would do, from the in-memory inventory; writes nothing. */
  private Mono<ImportProgress> execute(UUID id, Prepared job, Counters n) {
    ComponentStore.Snapshot s = components.snapshot();
    for (ComponentRow c : job.accepted()) {
      ComponentRow existing = s.byCode(c.code());
      if (existing == null) {
        n.inserted++;
      } else if (existing.equals(c)) {
        n.unchanged++;
      } else {
        n.updated++;
      }
    }
    return storeRejections(id, job.rejections())
        .thenReturn(progress(id, "SUCCEEDED", n, summary(job)));
  }

  private static String summary(Prepared job) {
    return job.notices().isEmpty()
        ? null
        : job.notices().size() + " notices, e.g. " + job.notices().get(0);
  }

  private static String rejectionRows(UUID id, List<Rejection> rejections) {
    StringBuilder sb = new StringBuilder(rejections.size() * 80);
    for (Rejection r : rejections) {
      CopyText.row(sb, id.toString(), Long.toString(r.row()), r.code(), r.field(), r.reason());
    }
    return sb.toString();
  }

  private Mono<Void> storeRejections(UUID id, List<Rejection> rejections) {
    if (rejections.isEmpty()) {
      return Mono.empty();
    }
    return Mono.fromRunnable(
            () -> {
              try {
                writer.storeRejections(rejectionRows(id, rejections));
              } catch (Exception e) {
                throw new IllegalStateException("storing rejections failed: " + e.getMessage(), e);
              }
            })
        .subscribeOn(scheduler)
        .then();
  }

  private static ImportProgress progress(UUID id, String phase, Counters n, String message) {
    return new ImportProgress(
        id.toString(),
        phase,
        n.read,
        n.accepted,
        n.rejected,
        n.inserted,
        n.updated,
        n.unchanged,
        message);
  }

  private Mono<Void> markRunning(UUID id) {
    return db.sql("update import_job set status = 'RUNNING' where id = :id").bind("id", id).then();
  }

  private Mono<Void> finish(UUID id, String status, String message, Counters n) {
    var spec =
        db.sql(
                "update import_job set status = :s, message = :m, total_rows = :t, accepted = :a,"
                    + " rejected = :r, inserted = :i, updated = :u, unchanged = :c, finished_at ="
                    + " now() where id = :id")
            .bind("s", status)
            .bind("t", n.read)
            .bind("a", n.accepted)
            .bind("r", n.rejected)
            .bind("i", n.inserted)
            .bind("u", n.updated)
            .bind("c", n.unchanged)
            .bind("id", id);
    spec = message == null ? spec.bindNull("m", String.class) : spec.bind("m", message);
    return spec.then();
  }

  private static final class Counters {
    long read;
    long accepted;
    long rejected;
    long inserted;
    long updated;
    long unchanged;
    long sent; // rows sent to the database (a re-import leaves out the stored ones)
    long started;
    long readNanos;
    long writeNanos;
    long indexNanos;

    Counters() {}

    /** Forgets a reading that is being done again (keeps the start time). */
    void restart() {
      read = 0;
      accepted = 0;
      rejected = 0;
      inserted = 0;
      updated = 0;
      unchanged = 0;
      sent = 0;
      readNanos = 0;
      writeNanos = 0;
      indexNanos = 0;
    }

    Counters(long read, long accepted, long rejected) {
      this.read = read;
      this.accepted = accepted;
      this.rejected = rejected;
    }
  }
}
