package org.wangge.api.importing;

/**
 * Why a row was not imported.
 *
 * @param row the row number as the survey team counts it (see {@code SourceFeature#row})
 * @param code the row's component code if it had one
 * @param field the survey field at fault, or {@code geometry}
 */
public record Rejection(long row, String code, String field, String reason) {}
