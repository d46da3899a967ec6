package org.wangge.ingest.decode;

/** The character rules of alarm ids, device ids and DevEUIs, without regular expressions. */
final class Ids {

  static final int MAX_ID_CHARS = 64;

  private Ids() {}

  /** 1–64 characters of {@code A-Z a-z 0-9 . _ : -}. */
  static boolean isValid(String id) {
    int n = id.length();
    if (n == 0 || n > MAX_ID_CHARS) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** 16 hex digits, any case. */
  static boolean isDevEui(String eui) {
    if (eui.length() != 16) {
      return false;
    }
    for (int i = 0; i < 16; i++) {
      if (Character.digit(eui.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
