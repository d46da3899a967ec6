#!/usr/bin/env bash
# Runs a separate Mosquitto for the alarm benchmarks (config: mosquitto-bench.conf), never the
# machine's broker on 1883.
# Usage: benchmarks/scripts/mosquitto-bench.sh start|stop|restart|status [port] [data dir]
#   defaults: port 18830, data dir target/mosquitto-<port> (persistence, log, pid)
# stop is graceful (SIGTERM): Mosquitto writes its persistence database before it exits.
set -euo pipefail
cd "$(dirname "$0")/../.."
CMD=${1:-start}
PORT=${2:-${MQTT_PORT:-18830}}
DIR=$(realpath -m "${3:-target/mosquitto-$PORT}")
PID_FILE="$DIR/mosquitto.pid"

running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

start() {
  if running; then
    echo "mosquitto already running on $PORT (pid $(cat "$PID_FILE"))"
    return
  fi
  mkdir -p "$DIR"
  sed -e "s|@PORT@|$PORT|g" -e "s|@DIR@|$DIR|g" benchmarks/scripts/mosquitto-bench.conf > "$DIR/mosquitto.conf"
  # Started as root, Mosquitto drops to its own user: that user must own the persistence directory.
  if [ "$(id -u)" = 0 ] && id mosquitto >/dev/null 2>&1; then
    chown mosquitto "$DIR"
  fi
  mosquitto -c "$DIR/mosquitto.conf" >> "$DIR/mosquitto.log" 2>&1 &
  echo $! > "$PID_FILE"
  for _ in $(seq 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
      echo "mosquitto on 127.0.0.1:$PORT (pid $(cat "$PID_FILE"), data $DIR)"
      return
    fi
    sleep 0.1
  done
  echo "mosquitto did not open port $PORT; see $DIR/mosquitto.log" >&2
  tail -5 "$DIR/mosquitto.log" >&2
  exit 1
}

stop() {
  if running; then
    local pid
    pid=$(cat "$PID_FILE")
    kill -TERM "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    echo "mosquitto on $PORT stopped"
  fi
  rm -f "$PID_FILE"
}

case "$CMD" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) if running; then echo "running, pid $(cat "$PID_FILE")"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|restart|status [port] [data dir]" >&2; exit 2 ;;
esac
