package org.wangge.api.security;

/** The platform's roles; a UNIT_HANDLER is tied to one unit. */
public enum Role {
  ADMIN,
  DISPATCHER,
  SURVEYOR,
  UNIT_HANDLER,
  PLANNER;

  public String authority() {
    return "ROLE_" + name();
  }
}
