package org.wangge.api.importing;

import java.util.HashMap;
import java.util.Map;
import org.wangge.geo.codes.ClassCode;
import org.wangge.geo.codes.ComponentCode;

/**
 * Hands out the next component code per class in a district: after the highest sequence the
 * database holds for that class, and after any code seen earlier in the same file.
 */
final class CodeAllocator {

  private final String county;
  private final Map<String, Integer> next = new HashMap<>();
  private java.util.function.Supplier<Map<String, Integer>> highest;

  /**
   * @param highest the highest sequence in use per class code (4 or 5 digits); asked only when a
   *     code is first handed out (scanning a full inventory for it costs most of a second, and most
   *     files bring their codes)
   */
  CodeAllocator(String county, java.util.function.Supplier<Map<String, Integer>> highest) {
    this.county = county;
    this.highest = highest;
  }

  /** Records a code the file brings, so generated codes never collide with it. */
  void reserve(ComponentCode code) {
    reserve(code.classCode(), code.sequence());
  }

  /** Records a code of this class and sequence (1–999,999) that the file brings. */
  void reserve(ClassCode cls, int sequence) {
    Integer known = next.get(cls.code());
    // most codes come in ascending order per class: boxing only when the highest moves up
    if (known == null || known <= sequence) {
      next.put(cls.code(), sequence + 1);
    }
  }

  ComponentCode next(ClassCode cls) {
    if (highest != null) {
      highest.get().forEach((c, seq) -> next.merge(c, seq + 1, Math::max));
      highest = null;
    }
    int seq = next.getOrDefault(cls.code(), 1);
    next.put(cls.code(), seq + 1);
    return ComponentCode.of(county, cls, seq);
  }
}
