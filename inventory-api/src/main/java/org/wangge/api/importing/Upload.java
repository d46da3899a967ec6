package org.wangge.api.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.wangge.geo.io.UnreadableFileException;
import reactor.core.publisher.Mono;

/**
 * An upload being received: its bytes go to {@link #path()} as they arrive, and a job may start
 * reading them before the last one is there ({@link #follow()}), instead of waiting for the whole
 * file (about 2 s for the 148 MB Wujiang CSV). Thread-safe: the receiving side calls {@link
 * #arrived()}, {@link #complete()} and {@link #fail}; any thread reads.
 */
final class Upload {

  private final Path path;
  private final Object lock = new Object();
  private long pieces; // guarded by lock; counts arrivals so that a reader never misses one
  private boolean complete; // guarded by lock
  private Throwable failure; // guarded by lock
  private Mono<Path> received = Mono.empty();

  Upload(Path path) {
    this.path = path;
  }

  /** Where the bytes go; complete once {@link #received()} has completed. */
  Path path() {
    return path;
  }

  /** Completes with the path once every byte is on disk; fails as the upload failed. */
  Mono<Path> received() {
    return received;
  }

  void received(Mono<Path> value) {
    received = value;
  }

  /** The receiving side wrote more bytes to the file. */
  void arrived() {
    synchronized (lock) {
      pieces++;
      lock.notifyAll();
    }
  }

  /** The receiving side wrote the last byte. */
  void complete() {
    synchronized (lock) {
      complete = true;
      lock.notifyAll();
    }
  }

  /** The upload broke off or was refused; readers fail with this reason. */
  void fail(Throwable reason) {
    synchronized (lock) {
      if (!complete && failure == null) {
        failure = reason;
      }
      lock.notifyAll();
    }
  }

  /**
   * Fails every {@link #follow() follower} at its next read with this reason, even when the upload
   * is complete (a follower that has seen the end has nothing left to read; {@link #await()} of a
   * complete upload is not affected): for an upload nobody waits for, the import's warm-up, which a
   * job stops.
   */
  void abandon(Throwable reason) {
    synchronized (lock) {
      if (failure == null) {
        failure = reason;
      }
      lock.notifyAll();
    }
  }

  /** Blocks until the whole upload is on disk (or it failed). */
  Path await() throws IOException {
    synchronized (lock) {
      while (!complete) {
        rethrowFailure();
        waitForMore();
      }
    }
    return path;
  }

  /**
   * The bytes in arrival order, as a stream that blocks for more until the upload is complete and
   * throws when the upload fails. Closing it stops only the reading.
   */
  InputStream follow() throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        while (true) {
          long seen;
          boolean done;
          synchronized (lock) {
            rethrowFailure();
            seen = pieces;
            done = complete;
          }
          // what was on disk when complete was seen is all there is: -1 is then the true end
          int n = channel.read(ByteBuffer.wrap(b, off, len));
          if (n > 0) {
            return n;
          }
          if (done) {
            return -1;
          }
          synchronized (lock) {
            if (pieces == seen && !complete && failure == null) {
              waitForMore();
            }
          }
        }
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }

  private void rethrowFailure() throws IOException {
    if (failure != null) {
      String reason = failure.getMessage() == null ? failure.toString() : failure.getMessage();
      throw new UnreadableFileException("the upload failed: " + reason, failure);
    }
  }

  private void waitForMore() throws IOException {
    try {
      // a bounded wait: a lost wake-up costs at most this long, never a hang
      lock.wait(Duration.ofMillis(200).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for the upload");
    }
  }
}
