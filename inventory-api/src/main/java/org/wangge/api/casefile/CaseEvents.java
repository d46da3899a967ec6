package org.wangge.api.casefile;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Case changes, fanned out to the live inboxes. Events are published after their commit, so an
 * inbox never shows what the database does not have. They travel as the batches that committed
 * them, so a stream can write one batch at once. A slow subscriber buffers up to {@value #BUFFER}
 * batches and then loses the oldest: the inbox page reloads the list on reconnect, the database
 * stays the record. Subscribers receive on Reactor's parallel threads, never on the publishing
 * worker's: encoding a batch for every open inbox must not delay the worker's next batch.
 */
@Component
public class CaseEvents {

  static final int BUFFER = 10_000;

  private final Sinks.Many<List<CaseEvent>> sink = Sinks.many().multicast().directBestEffort();

  /** Emits the events of one committed batch; called by the processor's worker threads. */
  public void publish(List<CaseEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    List<CaseEvent> batch = List.copyOf(events);
    synchronized (sink) {
      sink.tryEmitNext(batch);
    }
  }

  /**
   * The events for one unit, or for all units when {@code unitId} is null, one list per committed
   * batch (never empty); never completes.
   */
  public Flux<List<CaseEvent>> batches(String unitId) {
    Flux<List<CaseEvent>> all = sink.asFlux();
    return (unitId == null ? all : all.map(b -> ofUnit(b, unitId)).filter(b -> !b.isEmpty()))
        .onBackpressureBuffer(BUFFER, dropped -> {}, BufferOverflowStrategy.DROP_OLDEST)
        .publishOn(Schedulers.parallel());
  }

  /** The events for one unit, or for all units when {@code unitId} is null; never completes. */
  public Flux<CaseEvent> stream(String unitId) {
    return batches(unitId).concatMapIterable(b -> b);
  }

  private static List<CaseEvent> ofUnit(List<CaseEvent> batch, String unitId) {
    List<CaseEvent> mine = new ArrayList<>();
    for (CaseEvent e : batch) {
      if (unitId.equals(e.unitId())) {
        mine.add(e);
      }
    }
    return mine;
  }
}
