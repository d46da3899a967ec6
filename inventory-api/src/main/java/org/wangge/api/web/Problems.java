package org.wangge.api.web;

import java.net.URI;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** Maps the service's exceptions to RFC 9457 problem details; 4xx answers name the field. */
@RestControllerAdvice
class Problems {

  @ExceptionHandler(InvalidParameterException.class)
  ProblemDetail invalid(InvalidParameterException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    p.setTitle("Invalid parameter: " + e.field());
    p.setType(URI.create("https://wangge.org/problems/invalid-parameter"));
    p.setProperty("field", e.field());
    return p;
  }

  @ExceptionHandler(ServerWebInputException.class)
  ProblemDetail input(ServerWebInputException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getReason());
    p.setTitle("Invalid request");
    if (e.getMethodParameter() != null && e.getMethodParameter().getParameterName() != null) {
      p.setProperty("field", e.getMethodParameter().getParameterName());
    }
    return p;
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    p.setTitle("Not found");
    return p;
  }

  @ExceptionHandler({ConflictException.class, DataIntegrityViolationException.class})
  ProblemDetail conflict(RuntimeException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    p.setTitle("Conflict");
    return p;
  }
}
