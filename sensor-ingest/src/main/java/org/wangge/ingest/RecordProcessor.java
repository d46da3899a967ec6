package org.wangge.ingest;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Applies a batch of records: stores dead letters and quarantine entries, opens or folds cases.
 *
 * <p>The returned {@code Mono} completes only after the batch's effect is committed. It must be
 * idempotent by {@link IngestRecord#key()}: the alarm log redelivers a batch whose {@code Mono}
 * failed, and MQTT or Kafka may deliver a record twice. Records of one partition key arrive in
 * order; batches of different partitions may be processed concurrently.
 */
@FunctionalInterface
public interface RecordProcessor {

  Mono<Void> process(List<IngestRecord> batch);
}
