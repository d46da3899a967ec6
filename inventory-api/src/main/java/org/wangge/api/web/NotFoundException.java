package org.wangge.api.web;

/** Something addressed by the URL does not exist; answered as 404 problem+json. */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
