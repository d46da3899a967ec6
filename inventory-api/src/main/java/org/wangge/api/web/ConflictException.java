package org.wangge.api.web;

/** The request conflicts with the current state (duplicate key, wrong status); 409. */
public class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message);
  }
}
