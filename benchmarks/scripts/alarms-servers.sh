# Sourced by alarms-load.sh and alarms-no-loss.sh: a PostgreSQL cluster, a Mosquitto and the
# platform of the script's own, on their own ports, never the machine's 5432 / 1883.
# Needs: OUT (a directory), PGPORT, MQTT_PORT, HTTP_PORT, DB; optional PGBIN, PLATFORM_ARGS,
# WANGGE_JAVA_OPTS, PLATFORM_JAR.

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
JAR=${PLATFORM_JAR:-inventory-api/target/inventory-api-0.1.0-SNAPSHOT.jar}
BENCH=benchmarks/target/benchmarks.jar
PGDATA=$OUT/pg-$PGPORT
MQTT_DIR=$OUT/mqtt-$MQTT_PORT
JDBC="jdbc:postgresql://127.0.0.1:$PGPORT/$DB"
PLATFORM_PID=
APP_PID=
PLATFORM_START=0
PLATFORM_LOG=

say() { printf '%s [%6.1fs] %s\n' "$(date +%T)" "$(echo "$(date +%s.%N) - ${T0:-$(date +%s.%N)}" | bc)" "$*"; }
# PostgreSQL refuses to run as root: the cluster belongs to user postgres.
as_postgres() {
  if [ "$(id -u)" = 0 ]; then setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; else "$@"; fi
}
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

check_ports() {
  for p in "$@"; do
    if ! port_free "$p" && ! { [ "$p" = "$PGPORT" ] && [ -f "$PGDATA/postmaster.pid" ]; }; then
      echo "port $p is in use by someone else: set PGPORT/MQTT_PORT/HTTP_PORT" >&2
      exit 2
    fi
  done
}

pg_start() { as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$OUT/pg-$PGPORT.log" -w -t 60 start >/dev/null; }
pg_restart() { as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$OUT/pg-$PGPORT.log" -w -t 60 -m fast restart >/dev/null; }
pg_stop() { as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -w -t 60 -m fast stop >/dev/null 2>&1 || true; }
psql_() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

# initdb on first use (default settings but the port and a larger shared_buffers; durability as
# shipped: fsync and synchronous_commit on), start, and create a fresh database $DB.
pg_fresh_database() {
  mkdir -p "$OUT"
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    mkdir -p "$PGDATA"
    chown postgres:postgres "$OUT" "$PGDATA" 2>/dev/null || true
    as_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >> "$PGDATA/postgresql.conf" <<PGCONF
port = $PGPORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PGDATA'
max_connections = 100
shared_buffers = 256MB
PGCONF
  fi
  chown postgres:postgres "$OUT" 2>/dev/null || true
  touch "$OUT/pg-$PGPORT.log" && chown postgres "$OUT/pg-$PGPORT.log" 2>/dev/null || true
  [ -f "$PGDATA/postmaster.pid" ] || pg_start
  # PG_SETTINGS="name=value …": server settings for this and later runs (ALTER SYSTEM + reload),
  # e.g. PG_SETTINGS="max_wal_size=4GB" to see what checkpoints cost
  for kv in ${PG_SETTINGS:-}; do
    psql_ -d postgres -c "alter system set ${kv%%=*} = '${kv#*=}'" >/dev/null
  done
  [ -z "${PG_SETTINGS:-}" ] || psql_ -d postgres -c "select pg_reload_conf()" >/dev/null
  psql_ -d postgres -c "drop database if exists $DB" -c "create database $DB" 2>&1 | grep -v NOTICE || true
}

# A single-node KRaft broker in a JVM of its own; sets KAFKA (host:port) and KAFKA_PID, and adds
# the Kafka alarm log to PLATFORM_ARGS.
KAFKA_PID=
kafka_start() {
  java -Xmx1g -cp "$BENCH" org.wangge.bench.alarms.KafkaBroker > "$RUN/kafka.log" 2>&1 &
  KAFKA_PID=$!
  for _ in $(seq 240); do grep -q "Kafka ready" "$RUN/kafka.log" && break; sleep 0.5; done
  grep -q "Kafka ready" "$RUN/kafka.log" || { echo "Kafka did not start; see $RUN/kafka.log" >&2; exit 1; }
  KAFKA=$(grep -o "Kafka ready at .*" "$RUN/kafka.log" | cut -d' ' -f4)
  PLATFORM_ARGS="--wangge.alarm-log=kafka --wangge.kafka.bootstrap-servers=$KAFKA ${PLATFORM_ARGS:-}"
}

mqtt() { benchmarks/scripts/mosquitto-bench.sh "$1" "$MQTT_PORT" "$MQTT_DIR"; }
mqtt_pid() { cat "$MQTT_DIR/mosquitto.pid"; }

# Starts the platform in the background and waits until it is ready and subscribed.
platform_start() {
  PLATFORM_START=$((PLATFORM_START + 1))
  PLATFORM_LOG="$RUN/platform-$PLATFORM_START.log"
  # shellcheck disable=SC2086
  java ${WANGGE_JAVA_OPTS:--Xmx2g} -jar "$JAR" \
    --spring.r2dbc.url="r2dbc:postgresql://127.0.0.1:$PGPORT/$DB" --spring.r2dbc.username=postgres \
    --spring.r2dbc.password= --wangge.mqtt.url="tcp://127.0.0.1:$MQTT_PORT" \
    --server.port="$HTTP_PORT" $PLATFORM_ARGS > "$PLATFORM_LOG" 2>&1 &
  PLATFORM_PID=$!
  for _ in $(seq 600); do
    # Ready for alarms once the HTTP side is up and the MQTT ingest has subscribed.
    if grep -q "Wangge is ready" "$PLATFORM_LOG" && grep -q "MQTT ingest subscribed" "$PLATFORM_LOG"; then
      # The jar's launcher may run the application in a child JVM (class sharing): APP_PID is the
      # JVM that does the work, measured by the load generator and killed by the fault script.
      APP_PID=$(pgrep -P "$PLATFORM_PID" -x java || echo "$PLATFORM_PID")
      return 0
    fi
    if ! kill -0 "$PLATFORM_PID" 2>/dev/null; then
      echo "the platform exited; see $PLATFORM_LOG" >&2
      tail -20 "$PLATFORM_LOG" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "the platform did not get ready in 300 s; see $PLATFORM_LOG" >&2
  return 1
}

platform_password() { grep -o "password '[^']*'" "$RUN"/platform-1.log | head -1 | cut -d"'" -f2; }
