package org.wangge.api.casefile;

import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Case changes, fanned out to the live inboxes. Events are published after their commit, so an
 * inbox never shows what the database does not have. A slow subscriber buffers up to {@value
 * #BUFFER} events and then loses the oldest: the inbox page reloads the list on reconnect, the
 * database stays the record.
 */
@Component
public class CaseEvents {

  static final int BUFFER = 10_000;

  private final Sinks.Many<CaseEvent> sink = Sinks.many().multicast().directBestEffort();

  /** Emits the events of one committed batch; called by the processor's worker threads. */
  public void publish(List<CaseEvent> events) {
    synchronized (sink) {
      for (CaseEvent e : events) {
        sink.tryEmitNext(e);
      }
    }
  }

  /** The events for one unit, or for all units when {@code unitId} is null; never completes. */
  public Flux<CaseEvent> stream(String unitId) {
    Flux<CaseEvent> all = sink.asFlux();
    return (unitId == null ? all : all.filter(e -> unitId.equals(e.unitId())))
        .onBackpressureBuffer(
            BUFFER, dropped -> {}, reactor.core.publisher.BufferOverflowStrategy.DROP_OLDEST);
  }
}
