package org.wangge.geo.io;

import java.io.IOException;

/**
 * A file (or upload) that cannot be read at all; the message says why in terms a user can act on.
 */
public class UnreadableFileException extends IOException {

  public UnreadableFileException(String message) {
    super(message);
  }

  public UnreadableFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
