package org.wangge.api.importing;

import java.util.Map;
import org.wangge.geo.io.ReadOptions;

/**
 * What the survey team said with the upload.
 *
 * @param dryRun validate and report without writing
 * @param read charset, CRS and column hints for the reader
 * @param mapping survey field → file column, overriding the detected names
 */
record ImportOptions(boolean dryRun, ReadOptions read, Map<String, String> mapping) {}
