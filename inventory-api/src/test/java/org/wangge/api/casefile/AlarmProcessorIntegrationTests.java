package org.wangge.api.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.wangge.api.TestDatabases;
import org.wangge.api.TestUsers;
import org.wangge.api.security.Role;
import org.wangge.geo.routing.AlarmType;
import org.wangge.ingest.DeadLetter;
import org.wangge.ingest.DeviceMessage;
import org.wangge.ingest.IngestRecord;
import org.wangge.ingest.MessageKind;
import org.wangge.ingest.Quarantined;
import org.wangge.ingest.Severity;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The alarm processor against a real PostgreSQL holding the demo district: cases are opened, routed
 * and numbered, repeats fold, recoveries annotate, redelivery changes nothing, concurrent workers
 * never open a case twice, and each change reaches the inbox stream after its commit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@DirtiesContext
class AlarmProcessorIntegrationTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.register(registry);
  }

  @Autowired AlarmProcessor processor;
  @Autowired CaseEvents events;
  @Autowired DatabaseClient db;
  @Autowired WebTestClient client;
  @Autowired IngestStats stats;

  private static final AtomicInteger SEQ = new AtomicInteger();

  @BeforeAll
  static void users(@Autowired ApplicationContext context) {
    TestUsers.ensure(context);
  }

  /** A sample cover sensor whose component no other test of this class uses. */
  private Map<String, Object> tiltDevice(int nth) {
    return db.sql(
            "select d.id, d.component_code, c.maintenance_unit_id, c.owner_id"
                + " from device d join component c on c.code = d.component_code"
                + " where d.kind = 'COVER_TILT' order by d.id offset :n limit 1")
        .bind("n", nth)
        .fetch()
        .one()
        .block();
  }

  private static DeviceMessage alarm(String device, String type, MessageKind kind) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return new DeviceMessage(
        "T-" + SEQ.incrementAndGet(),
        device,
        kind,
        type == null ? null : AlarmType.parse(type),
        kind == MessageKind.ALARM ? Severity.MAJOR : null,
        now,
        null,
        null,
        12.5,
        "deg",
        80.0,
        "wangge/v1/devices/" + device + "/" + kind.name().toLowerCase(),
        now);
  }

  private void process(IngestRecord... records) {
    StepVerifier.create(processor.process(List.of(records))).verifyComplete();
  }

  private Map<String, Object> activeCase(String component, String type) {
    return db.sql(
            "select * from case_file where component_code = :c and alarm_type = :t"
                + " and status not in ('CLOSED', 'VOID')")
        .bind("c", component)
        .bind("t", type)
        .fetch()
        .one()
        .block();
  }

  private long count(String sql) {
    return ((Number) db.sql(sql).fetch().one().block().values().iterator().next()).longValue();
  }

  @Test
  void anAlarmOpensOneRoutedCaseAndRepeatsFoldIntoIt() {
    Map<String, Object> device = tiltDevice(0);
    String id = (String) device.get("id");
    String component = (String) device.get("component_code");
    DeviceMessage first = alarm(id, "COVER_TILT", MessageKind.ALARM);

    StepVerifier.create(events.stream(null).filter(e -> id.equals(e.deviceId())).take(2))
        .then(() -> process(first))
        .assertNext(
            e -> {
              assertThat(e.change()).isEqualTo("OPENED");
              assertThat(e.alarmCount()).isEqualTo(1);
              assertThat(e.lastAlarmAt()).isEqualTo(first.time());
            })
        .then(
            () ->
                process(
                    alarm(id, "COVER_TILT", MessageKind.ALARM),
                    alarm(id, "COVER_TILT", MessageKind.ALARM)))
        .assertNext(
            e -> {
              assertThat(e.change()).isEqualTo("FOLDED");
              assertThat(e.alarmCount()).isEqualTo(3);
            })
        .verifyComplete();

    Map<String, Object> c = activeCase(component, "COVER_TILT");
    assertThat(c.get("status")).isEqualTo("DISPATCHED");
    assertThat(c.get("source")).isEqualTo("DEVICE");
    assertThat(c.get("alarm_count")).isEqualTo(3);
    assertThat((String) c.get("number")).matches("320509\\d{8}\\d{6}");
    // covers are an ownership matter: the component's maintenance unit, else its owner
    Object maintainer = device.get("maintenance_unit_id");
    assertThat(c.get("unit_id"))
        .isEqualTo(maintainer != null ? maintainer : device.get("owner_id"));
    assertThat(c.get("grid_code")).isNotNull();
    assertThat((String) c.get("explanation_zh")).isNotBlank();
    var created = (java.time.OffsetDateTime) c.get("created_at");
    var due = (java.time.OffsetDateTime) c.get("due_at");
    assertThat(Duration.between(created, due)).isEqualTo(Duration.ofHours(6));
    assertThat(count("select count(*) from case_history where case_id = " + c.get("id")))
        .isEqualTo(1);
    // the history row: dispatched when the case was created, to its unit, with the explanation
    assertThat(
            count(
                "select count(*) from case_history h join case_file c on c.id = h.case_id"
                    + " where c.id = "
                    + c.get("id")
                    + " and h.at = c.created_at and h.action = 'DISPATCHED'"
                    + " and h.status = 'DISPATCHED' and h.unit_id = c.unit_id"
                    + " and h.note = c.explanation_zh and h.actor = 'system:device-alarm'"))
        .isEqualTo(1);
    assertThat(count("select count(*) from alarm where case_id = " + c.get("id"))).isEqualTo(3);
    assertThat(
            count(
                "select count(*) from alarm where alarm_id = '"
                    + first.alarmId()
                    + "'"
                    + " and outcome = 'OPENED'"))
        .isEqualTo(1);
  }

  @Test
  void aRedeliveredBatchChangesNothing() {
    Map<String, Object> device = tiltDevice(1);
    String id = (String) device.get("id");
    DeviceMessage a = alarm(id, "COVER_OPEN", MessageKind.ALARM);
    DeviceMessage b = alarm(id, "COVER_OPEN", MessageKind.ALARM);
    process(a, b);
    long before = redelivered();
    process(a, b, a);
    Map<String, Object> c = activeCase((String) device.get("component_code"), "COVER_OPEN");
    assertThat(c.get("alarm_count")).isEqualTo(2);
    assertThat(count("select count(*) from alarm where case_id = " + c.get("id"))).isEqualTo(2);
    assertThat(count("select count(*) from case_history where case_id = " + c.get("id")))
        .isEqualTo(1);
    assertThat(redelivered() - before).isEqualTo(2);

    // a batch mixing a stored message with a new one: the new one counts, the old one once only
    DeviceMessage d = alarm(id, "COVER_OPEN", MessageKind.ALARM);
    process(b, d);
    c = activeCase((String) device.get("component_code"), "COVER_OPEN");
    assertThat(c.get("alarm_count")).isEqualTo(3);
    assertThat(count("select count(*) from alarm where case_id = " + c.get("id"))).isEqualTo(3);
    assertThat(redelivered() - before).isEqualTo(3);
  }

  private long redelivered() {
    return ((Number) stats.snapshot().get("redeliveredSkipped")).longValue();
  }

  @Test
  void aRecoveryAnnotatesTheActiveCaseAndIsKeptWhenThereIsNone() {
    Map<String, Object> device = tiltDevice(2);
    String id = (String) device.get("id");
    process(alarm(id, "TAMPER", MessageKind.ALARM));
    DeviceMessage recovery = alarm(id, "TAMPER", MessageKind.RECOVERY);
    DeviceMessage orphan = alarm(id, "LAMP_FAULT", MessageKind.RECOVERY);
    process(recovery, orphan);

    Map<String, Object> c = activeCase((String) device.get("component_code"), "TAMPER");
    assertThat(c.get("recovered_at")).isNotNull();
    assertThat(c.get("alarm_count")).isEqualTo(1);
    assertThat(c.get("status")).isEqualTo("DISPATCHED");
    assertThat(
            count(
                "select count(*) from case_history where action = 'DEVICE_RECOVERED'"
                    + " and case_id = "
                    + c.get("id")))
        .isEqualTo(1);
    assertThat(
            db.sql("select outcome from alarm where alarm_id = :a")
                .bind("a", orphan.alarmId())
                .fetch()
                .one()
                .block())
        .containsEntry("outcome", "NO_ACTIVE_CASE");
  }

  @Test
  void heartbeatsUpdateTheDeviceAndOpenNothing() {
    String id = (String) tiltDevice(3).get("id");
    long cases = count("select count(*) from case_file");
    process(alarm(id, null, MessageKind.HEARTBEAT));
    assertThat(count("select count(*) from case_file")).isEqualTo(cases);
    Map<String, Object> d =
        db.sql("select last_seen, battery_percent from device where id = :id")
            .bind("id", id)
            .fetch()
            .one()
            .block();
    assertThat(d.get("last_seen")).isNotNull();
    assertThat(((Number) d.get("battery_percent")).doubleValue()).isEqualTo(80.0);
  }

  private static DeviceMessage heartbeat(String device, Instant receivedAt, Double battery) {
    return new DeviceMessage(
        "T-" + SEQ.incrementAndGet(),
        device,
        MessageKind.HEARTBEAT,
        null,
        null,
        receivedAt,
        null,
        null,
        null,
        null,
        battery,
        "wangge/v1/devices/" + device + "/heartbeat",
        receivedAt);
  }

  private Map<String, Object> deviceRow(String id) {
    return db.sql("select last_seen, battery_percent from device where id = :id")
        .bind("id", id)
        .fetch()
        .one()
        .block();
  }

  private static Instant instant(Object timestamptz) {
    return ((java.time.OffsetDateTime) timestamptz).toInstant();
  }

  @Test
  void lastSeenIsWrittenOncePerMinuteOrOnANewBatteryReadingAndTheApiShowsTheNewest() {
    String id = (String) tiltDevice(11).get("id");
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MICROS);
    process(heartbeat(id, t0, 80.0));
    assertThat(instant(deviceRow(id).get("last_seen"))).isEqualTo(t0);

    // within the minute, same battery: the row keeps t0, the API shows t0 + 20 s
    Instant t1 = t0.plusSeconds(20);
    process(heartbeat(id, t1, 80.0));
    assertThat(instant(deviceRow(id).get("last_seen"))).isEqualTo(t0);
    client
        .get()
        .uri("/api/devices/" + id)
        .headers(TestUsers.as(Role.ADMIN))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.lastSeen")
        .value(
            (String v) -> assertThat(java.time.OffsetDateTime.parse(v).toInstant()).isEqualTo(t1))
        .jsonPath("$.batteryPercent")
        .isEqualTo(80.0);

    // a new battery reading is written at once, with its last-seen
    Instant t2 = t1.plusSeconds(1);
    process(heartbeat(id, t2, 79.0));
    Map<String, Object> row = deviceRow(id);
    assertThat(instant(row.get("last_seen"))).isEqualTo(t2);
    assertThat(((Number) row.get("battery_percent")).doubleValue()).isEqualTo(79.0);

    // no battery in the message: last-seen only once a minute after the last write
    process(heartbeat(id, t2.plusSeconds(59), null));
    assertThat(instant(deviceRow(id).get("last_seen"))).isEqualTo(t2);
    Instant t3 = t2.plusSeconds(60);
    process(heartbeat(id, t3, null));
    row = deviceRow(id);
    assertThat(instant(row.get("last_seen"))).isEqualTo(t3);
    assertThat(((Number) row.get("battery_percent")).doubleValue()).isEqualTo(79.0);
  }

  @Test
  void theAlarmPathTablesLeaveRoomForInPlaceUpdatesAndPaceTheirAutovacuum() {
    Map<String, Object> options =
        db.sql(
                "select string_agg(relname || ':' || array_to_string(reloptions, ','), ' '"
                    + " order by relname) as o from pg_class where relname in"
                    + " ('alarm', 'case_file', 'case_history', 'device') and relkind = 'r'")
            .fetch()
            .one()
            .block();
    assertThat((String) options.get("o"))
        .isEqualTo(
            "alarm:autovacuum_vacuum_cost_delay=10"
                + " case_file:fillfactor=70,autovacuum_vacuum_cost_delay=10"
                + " case_history:autovacuum_vacuum_cost_delay=10"
                + " device:fillfactor=80");
  }

  @Test
  void deadLettersAndQuarantineAreStoredOnceEach() {
    Instant now = Instant.now();
    byte[] junk = "{not json".getBytes(StandardCharsets.UTF_8);
    DeadLetter dead =
        new DeadLetter(
            "sha256:test-dead-1",
            DeadLetter.Reason.MALFORMED_JSON,
            "unexpected end of input at byte 9",
            "wangge/v1/devices/X/alarm",
            junk,
            junk.length,
            now);
    Quarantined q =
        new Quarantined(
            "Q-1",
            "NOBODY-1",
            Quarantined.Reason.UNKNOWN_DEVICE,
            "device NOBODY-1 is not registered",
            "wangge/v1/devices/NOBODY-1/alarm",
            "{}".getBytes(StandardCharsets.UTF_8),
            now);
    byte[] notUtf8 = {'{', (byte) 0xff, (byte) 0xfe};
    DeadLetter binary =
        new DeadLetter(
            "sha256:test-dead-2",
            DeadLetter.Reason.MALFORMED_JSON,
            "not UTF-8",
            "wangge/v1/devices/X/alarm",
            notUtf8,
            notUtf8.length,
            now);
    process(dead, q, binary);
    process(dead, q);
    assertThat(count("select count(*) from dead_letter where key = 'sha256:test-dead-1'"))
        .isEqualTo(1);
    assertThat(count("select count(*) from quarantine where key = 'Q-1'")).isEqualTo(1);
    // a message of a device that left the registry is quarantined, not lost
    DeviceMessage ghost = alarm("GONE-DEVICE-1", "COVER_TILT", MessageKind.ALARM);
    process(ghost);
    assertThat(count("select count(*) from quarantine where key = '" + ghost.alarmId() + "'"))
        .isEqualTo(1);

    client
        .get()
        .uri("/api/ingest/dead-letters?reason=MALFORMED_JSON")
        .headers(TestUsers.as(Role.DISPATCHER))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[?(@.key == 'sha256:test-dead-1')].payload")
        .isEqualTo("{not json");
    client
        .get()
        .uri("/api/ingest/quarantine?device=NOBODY-1")
        .headers(TestUsers.as(Role.UNIT_HANDLER))
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  @Test
  void twoWorkersNeverOpenTheSameCaseTwice() throws Exception {
    Map<String, Object> device = tiltDevice(4);
    String component = (String) device.get("component_code");
    db.sql(
            "insert into device (id, kind, component_code, secret_hash) values"
                + " ('T-TWIN-1', 'COVER_TILT', :c, 'x'), ('T-TWIN-2', 'COVER_TILT', :c, 'x')")
        .bind("c", component)
        .fetch()
        .rowsUpdated()
        .block();
    processor.prepare();
    List<CompletableFuture<Integer>> workers = new ArrayList<>();
    for (String twin : List.of("T-TWIN-1", "T-TWIN-2")) {
      workers.add(
          CompletableFuture.supplyAsync(
              () -> {
                int attempts = 0;
                for (int round = 0; round < 20; round++) {
                  List<IngestRecord> batch = List.of(alarm(twin, "GAS_LEAK", MessageKind.ALARM));
                  while (true) { // what the alarm log does: retry the batch until it commits
                    attempts++;
                    try {
                      processor.process(batch).block();
                      break;
                    } catch (AlarmProcessor.ConcurrentCaseException e) {
                      // retried
                    }
                  }
                }
                return attempts;
              }));
    }
    for (var w : workers) {
      w.get();
    }
    assertThat(
            count(
                "select count(*) from case_file where component_code = '"
                    + component
                    + "' and alarm_type = 'GAS_LEAK'"))
        .isEqualTo(1);
    assertThat(activeCase(component, "GAS_LEAK").get("alarm_count")).isEqualTo(40);
  }

  @Test
  void aHandlerSeesOnlyItsOwnUnitsCases() {
    Map<String, Object> device = tiltDevice(5);
    process(alarm((String) device.get("id"), "COVER_TILT", MessageKind.ALARM));
    Map<String, Object> c = activeCase((String) device.get("component_code"), "COVER_TILT");
    String number = (String) c.get("number");
    client
        .get()
        .uri("/api/cases/" + number)
        .headers(TestUsers.as(Role.DISPATCHER))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.history[0].action")
        .isEqualTo("DISPATCHED")
        .jsonPath("$.explanationZh")
        .isNotEmpty();
    boolean own = TestUsers.HANDLER_UNIT.equals(c.get("unit_id"));
    client
        .get()
        .uri("/api/cases/" + number)
        .headers(TestUsers.as(Role.UNIT_HANDLER))
        .exchange()
        .expectStatus()
        .isEqualTo(own ? 200 : 403);
    client
        .get()
        .uri("/api/inbox?unit=SOMEONE-ELSE")
        .headers(TestUsers.as(Role.UNIT_HANDLER))
        .exchange()
        .expectStatus()
        .isForbidden();
    client
        .get()
        .uri("/api/cases?status=NOPE")
        .headers(TestUsers.as(Role.DISPATCHER))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("status");
    client.get().uri("/api/cases").exchange().expectStatus().isUnauthorized();
  }

  @Test
  void anUnmountedDeviceIsRoutedByItsReportedPositionAndOutsideTheDistrictToTheCentre() {
    db.sql("insert into device (id, kind, secret_hash) values ('T-MOBILE-1', 'GAS_DETECTOR', 'x')")
        .fetch()
        .rowsUpdated()
        .block();
    processor.prepare();
    Instant now = Instant.now();
    DeviceMessage far =
        new DeviceMessage(
            "T-FAR-1",
            "T-MOBILE-1",
            MessageKind.ALARM,
            AlarmType.SMOKE,
            Severity.CRITICAL,
            now,
            116.4,
            39.9,
            null,
            null,
            null,
            "wangge/v1/devices/T-MOBILE-1/alarm",
            now);
    process(far);
    Map<String, Object> c =
        db.sql("select * from case_file where device_id = 'T-MOBILE-1' and alarm_type = 'SMOKE'")
            .fetch()
            .one()
            .block();
    assertThat(c.get("component_code")).isNull();
    assertThat(c.get("class_code")).isEqualTo("06");
    assertThat(c.get("unit_id")).isEqualTo("U-320509-CENTRE");
    assertThat(c.get("flagged")).isEqualTo(true);
    assertThat((String) c.get("routing_flags")).contains("OUTSIDE_GRIDS");
    assertThat(c.get("grid_code")).isNull();
  }

  @Test
  void theInboxStreamSendsEachCommittedChangeAsACaseEventOfItsUnit() {
    Map<String, Object> one = tiltDevice(9);
    Map<String, Object> two = tiltDevice(10);
    DeviceMessage a = alarm((String) one.get("id"), "COVER_OPEN", MessageKind.ALARM);
    DeviceMessage b = alarm((String) two.get("id"), "COVER_OPEN", MessageKind.ALARM);
    Flux<ServerSentEvent<String>> all =
        client
            .get()
            .uri("/api/inbox/stream")
            .headers(TestUsers.as(Role.DISPATCHER))
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
            .getResponseBody();
    List<ServerSentEvent<String>> received = new ArrayList<>();
    StepVerifier.create(
            all.filter(
                    e ->
                        "open".equals(e.comment())
                            || e.data() != null
                                && (e.data().contains(a.deviceId())
                                    || e.data().contains(b.deviceId())))
                .take(3))
        .expectNextMatches(e -> "open".equals(e.comment()))
        .then(() -> process(a, b))
        .recordWith(() -> received)
        .expectNextCount(2)
        .verifyComplete();

    for (ServerSentEvent<String> e : received) {
      assertThat(e.event()).isEqualTo("case");
      Map<String, Object> c =
          activeCase(
              (String) (e.data().contains(a.deviceId()) ? one : two).get("component_code"),
              "COVER_OPEN");
      assertThat(e.id()).isEqualTo(c.get("number") + "/1");
      assertThat(e.data())
          .contains("\"caseNumber\":\"" + c.get("number") + "\"")
          .contains("\"unitId\":\"" + c.get("unit_id") + "\"")
          .contains("\"change\":\"OPENED\"")
          .contains("\"caseId\":" + c.get("id") + ",");
    }
  }

  @Test
  void caseNumbersAreUniqueAndIncreaseAcrossBatches() {
    List<String> numbers = new ArrayList<>();
    for (int nth = 6; nth < 9; nth++) {
      Map<String, Object> device = tiltDevice(nth);
      process(
          alarm((String) device.get("id"), "BATTERY_LOW", MessageKind.ALARM),
          alarm((String) device.get("id"), "OFFLINE", MessageKind.ALARM));
      for (String type : List.of("BATTERY_LOW", "OFFLINE")) {
        numbers.add((String) activeCase((String) device.get("component_code"), type).get("number"));
      }
    }
    assertThat(numbers).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void aRecordOfAnUnknownKindCannotBeBuilt() {
    assertThatThrownBy(
            () ->
                new DeviceMessage(
                    "x",
                    "d",
                    MessageKind.ALARM,
                    null,
                    null,
                    Instant.now(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    "t",
                    Instant.now()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no alarm type");
  }
}
