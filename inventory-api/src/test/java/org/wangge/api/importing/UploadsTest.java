package org.wangge.api.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.wangge.api.WanggeProperties;
import org.wangge.api.web.InvalidParameterException;
import org.wangge.geo.io.UnreadableFileException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** Uploads read while they arrive: what a job sees of a complete, a growing and a failed one. */
class UploadsTest {

  @TempDir Path tmp;

  private Uploads uploads(long limit) {
    return new Uploads(
        new WanggeProperties(
            "none", "320509", null, tmp, new WanggeProperties.Limits(limit, 1 << 20, 10)));
  }

  private static DataBuffer buffer(String text) {
    return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aFollowerReadsEveryByteAsItArrivesAndThenTheEnd() throws Exception {
    Sinks.Many<DataBuffer> body = Sinks.many().unicast().onBackpressureBuffer();
    Upload upload = uploads(1 << 20).receive("a.csv", body.asFlux()).block(Duration.ofSeconds(5));
    assertThat(upload.path().getFileName().toString()).isEqualTo("a.csv");
    CompletableFuture<String> read =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = upload.follow()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    StringBuilder sent = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      String piece = "第" + i + "行,120.5,30.9\n";
      sent.append(piece);
      body.tryEmitNext(buffer(piece));
      if (i == 100) {
        Thread.sleep(50); // the follower catches up and has to wait for more
        assertThat(read).isNotDone();
      }
    }
    assertThat(read).isNotDone();
    body.tryEmitComplete();
    assertThat(upload.received().block(Duration.ofSeconds(5))).isEqualTo(upload.path());
    assertThat(read.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(sent.toString());
    assertThat(Files.readString(upload.path())).isEqualTo(sent.toString());
    assertThat(upload.await()).isEqualTo(upload.path());
  }

  @Test
  void anUploadOverTheLimitFailsItsFollowerAndTheRequest() throws Exception {
    Sinks.Many<DataBuffer> body = Sinks.many().unicast().onBackpressureBuffer();
    Upload upload = uploads(100).receive("big.csv", body.asFlux()).block(Duration.ofSeconds(5));
    InputStream in = upload.follow();
    body.tryEmitNext(buffer("x".repeat(60)));
    byte[] first = new byte[60];
    assertThat(in.readNBytes(first, 0, 60)).isEqualTo(60);
    body.tryEmitNext(buffer("y".repeat(60)));
    StepVerifier.create(upload.received())
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("larger than the upload limit of 100 bytes"))
        .verify(Duration.ofSeconds(5));
    assertThatThrownBy(() -> in.read(new byte[10]))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("larger than the upload limit of 100 bytes");
    assertThatThrownBy(upload::await).isInstanceOf(UnreadableFileException.class);
    in.close();
  }

  @Test
  void aBrokenConnectionFailsAWaitingFollower() throws Exception {
    Sinks.Many<DataBuffer> body = Sinks.many().unicast().onBackpressureBuffer();
    Upload upload = uploads(1 << 20).receive("cut.csv", body.asFlux()).block(Duration.ofSeconds(5));
    CompletableFuture<Throwable> reading =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = upload.follow()) {
                in.readAllBytes();
                return null;
              } catch (IOException e) {
                return e;
              }
            });
    body.tryEmitNext(buffer("name,lon,lat\n"));
    Thread.sleep(50);
    body.tryEmitError(new IOException("Connection reset by peer"));
    assertThat(reading.get(5, java.util.concurrent.TimeUnit.SECONDS))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("Connection reset by peer");
  }

  @Test
  void anUploadNeedsAName() {
    StepVerifier.create(uploads(100).receive(" ", Flux.just(buffer("x"))))
        .expectError(InvalidParameterException.class)
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void aFileWrittenByAnotherWriterIsFollowedUntilComplete() throws Exception {
    // the contract on its own, without Reactor: arrived() wakes the reader, complete() ends it
    Path file = tmp.resolve("direct.csv");
    Files.createFile(file);
    Upload upload = new Upload(file);
    CompletableFuture<byte[]> read =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = upload.follow()) {
                return in.readAllBytes();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    for (int i = 0; i < 50; i++) {
      Files.write(file, new byte[] {(byte) i}, StandardOpenOption.APPEND);
      upload.arrived();
    }
    Thread.sleep(20);
    assertThat(read).isNotDone();
    upload.complete();
    byte[] bytes = read.get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(bytes).hasSize(50);
    for (int i = 0; i < 50; i++) {
      assertThat(bytes[i]).isEqualTo((byte) i);
    }
  }

  @Test
  void anAbandonedUploadStopsItsReadersEvenWhenComplete() throws Exception {
    Path file = tmp.resolve("abandoned.csv");
    Files.write(file, new byte[] {1, 2, 3, 4});
    Upload upload = new Upload(file);
    upload.complete();
    // fail() after the last byte is ignored: the job reading a complete upload goes on
    upload.fail(new IllegalStateException("late"));
    try (InputStream in = upload.follow()) {
      assertThat(in.read(new byte[2], 0, 2)).isEqualTo(2);
      upload.abandon(new java.util.concurrent.CancellationException("an import started"));
      assertThatThrownBy(() -> in.read(new byte[2], 0, 2))
          .isInstanceOf(org.wangge.geo.io.UnreadableFileException.class)
          .hasMessageContaining("an import started");
    }
  }
}
