package org.wangge.api.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.stereotype.Component;
import org.wangge.api.WanggeProperties;
import org.wangge.api.web.InvalidParameterException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Uploaded files on disk while a job reads them: each in a directory of its own under {@code
 * wangge.import-dir}, under the name the client sent (readers name it in their messages), streamed
 * to disk and refused once larger than {@code wangge.imports.max-upload-bytes}.
 */
@Component
public class Uploads {

  private final WanggeProperties properties;

  Uploads(WanggeProperties properties) {
    this.properties = properties;
  }

  public Mono<Path> save(FilePart part) {
    return save(part.filename(), part.content());
  }

  /** The last path element of an upload's file name; refused when there is none. */
  private static String fileName(String fileName) {
    if (fileName == null || fileName.isBlank()) {
      throw new InvalidParameterException("fileName", "fileName is required for a raw upload");
    }
    String name = Path.of(fileName).getFileName().toString();
    if (name.isBlank()) {
      throw new InvalidParameterException("file", "the uploaded file has no name");
    }
    return name;
  }

  /** A new, empty directory of its own under the import directory, and {@code name} in it. */
  private Mono<Path> newPath(String name) {
    return Mono.fromCallable(
            () -> {
              Path dir = properties.importDir().resolve(UUID.randomUUID().toString());
              Files.createDirectories(dir);
              return dir.resolve(name);
            })
        .subscribeOn(Schedulers.boundedElastic());
  }

  /** The upload's file name (its last path element), or a 400 naming the field. */
  private static Mono<String> named(String fileName) {
    return Mono.fromCallable(() -> fileName(fileName));
  }

  /** The upload's bytes, failing once they exceed {@code wangge.imports.max-upload-bytes}. */
  private Flux<DataBuffer> limited(Flux<DataBuffer> content, String name) {
    long limit = properties.imports().maxUploadBytes();
    AtomicLong size = new AtomicLong();
    return content.doOnNext(
        b -> {
          if (size.addAndGet(b.readableByteCount()) > limit) {
            throw new InvalidParameterException(
                "file", name + " is larger than the upload limit of " + limit + " bytes");
          }
        });
  }

  /** Saves a raw request body under {@code fileName} (its last path element). */
  public Mono<Path> save(String fileName, Flux<DataBuffer> content) {
    return named(fileName)
        .flatMap(
            name ->
                newPath(name)
                    .flatMap(
                        path ->
                            DataBufferUtils.write(
                                    limited(content, name), path, StandardOpenOption.CREATE_NEW)
                                .onErrorResume(
                                    e -> Mono.fromRunnable(() -> discard(path)).then(Mono.error(e)))
                                .thenReturn(path)));
  }

  /**
   * Starts receiving {@code content} into a new file named {@code fileName} (its last path element)
   * and returns at once, once the file exists, while the bytes are still arriving: a job can {@link
   * Upload#follow() follow} them. {@link Upload#received()} completes when the last byte is on disk
   * and fails (the file then holding a part only) when the upload breaks off or grows beyond {@code
   * wangge.imports.max-upload-bytes}.
   */
  public Mono<Upload> receive(String fileName, Flux<DataBuffer> content) {
    return named(fileName).flatMap(name -> received(name, content));
  }

  private Mono<Upload> received(String name, Flux<DataBuffer> content) {
    return newPath(name)
        .map(Upload::new)
        .map(
            upload -> {
              java.nio.channels.AsynchronousFileChannel channel;
              try {
                channel =
                    java.nio.channels.AsynchronousFileChannel.open(
                        upload.path(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
              } catch (IOException e) {
                discard(upload.path());
                throw new java.io.UncheckedIOException(e);
              }
              Flux<DataBuffer> limited = limited(content, name);
              Mono<Path> received =
                  DataBufferUtils.write(limited, channel, 0)
                      .doOnNext(
                          b -> {
                            DataBufferUtils.release(b);
                            upload.arrived();
                          })
                      .doFinally(s -> close(channel))
                      .then(Mono.fromRunnable(upload::complete))
                      .doOnError(upload::fail)
                      .thenReturn(upload.path())
                      .cache();
              upload.received(received);
              received.subscribe(p -> {}, e -> {});
              return upload;
            });
  }

  private static void close(java.nio.channels.Channel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // the bytes were written or the upload failed already; nothing to add
    }
  }

  /** Removes an upload and everything extracted beside it. */
  public static void discard(Path upload) {
    Path dir = upload.getParent();
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a stale file in the import directory; nothing to undo
    }
  }
}
