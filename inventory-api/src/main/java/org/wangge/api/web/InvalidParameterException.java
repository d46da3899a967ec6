package org.wangge.api.web;

/** A request parameter or body field that is wrong; answered as 400 problem+json naming it. */
public class InvalidParameterException extends RuntimeException {

  private final String field;

  public InvalidParameterException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
