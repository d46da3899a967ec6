package org.wangge.api.importing;

/**
 * Where an import job stands; sent as server-sent events while it runs.
 *
 * @param phase QUEUED, READING, WRITING, SUCCEEDED or FAILED
 */
public record ImportProgress(
    String jobId,
    String phase,
    long rowsRead,
    long accepted,
    long rejected,
    long inserted,
    long updated,
    long unchanged,
    String message) {

  public boolean isFinal() {
    return phase.equals("SUCCEEDED") || phase.equals("FAILED");
  }
}
