-- Device alarms become cases (issue 4). Every MQTT message the platform received ends in exactly
-- one of: alarm (accepted, keyed by the device's alarm id), quarantine (sender not accepted) or
-- dead_letter (unreadable). Keys make redelivery harmless.

alter table device add column dev_eui varchar(16);
alter table device add column name text;
alter table device add column created_at timestamptz not null default now();
alter table device add column updated_at timestamptz not null default now();
create unique index device_dev_eui on device (lower(dev_eui)) where dev_eui is not null;

-- The cases (案卷). Routing is a snapshot: grid, unit and rule as they were when routed, with the
-- explanation, so later grid-set or unit changes do not rewrite history.
create table case_file (
  id                    bigserial primary key,
  number                varchar(20) not null unique,
  district_code         varchar(6) not null references district (code),
  source                text not null check (source in ('DEVICE', 'PATROL', 'HOTLINE', 'PUBLIC', 'OTHER')),
  kind                  text not null check (kind in ('COMPONENT', 'EVENT')),
  class_code            varchar(6) not null,
  alarm_type            text,
  severity              text,
  title                 text not null,
  lon                   double precision,
  lat                   double precision,
  component_code        varchar(17),
  device_id             text,
  grid_code             varchar(15),
  unit_id               text not null,
  unit_name             text,
  routing_rule          text not null,
  routing_mode          text not null,
  routing_flags         text not null default '',
  flagged               boolean not null default false,
  explanation_zh        text not null,
  explanation_en        text not null,
  urgency               text not null,
  status                text not null check (status in ('REGISTERED', 'DISPATCHED', 'CLAIMED',
                          'HANDLED', 'RETURNED', 'VERIFIED', 'CLOSED', 'SUSPENDED', 'VOID')),
  alarm_count           int not null default 1,
  first_alarm_at        timestamptz,
  last_alarm_at         timestamptz,
  recovered_at          timestamptz,
  on_site_due_at        timestamptz,
  due_at                timestamptz not null,
  created_at            timestamptz not null,
  updated_at            timestamptz not null,
  version               int not null default 1
);
-- One active case per (component, alarm type): repeated alarms fold into it.
create unique index case_file_active_component_alarm on case_file (component_code, alarm_type)
  where component_code is not null and alarm_type is not null and status not in ('CLOSED', 'VOID');
-- The same for alarms of devices that are not mounted on a component.
create unique index case_file_active_device_alarm on case_file (device_id, alarm_type)
  where component_code is null and device_id is not null and alarm_type is not null
    and status not in ('CLOSED', 'VOID');
create index case_file_unit_status on case_file (unit_id, status);
create index case_file_created on case_file (created_at);

-- Case numbers per district and day: <district><yyyyMMdd><6-digit sequence>, increasing; a batch
-- that fails after reserving its numbers leaves a gap.
create table case_counter (
  district_code varchar(6) not null,
  day           date not null,
  last_value    int not null,
  primary key (district_code, day)
);

create table case_history (
  id         bigserial primary key,
  case_id    bigint not null references case_file (id),
  at         timestamptz not null,
  action     text not null,
  status     text not null,
  actor      text not null,
  unit_id    text,
  note       text
);
create index case_history_case on case_history (case_id, at);

-- Every accepted device message, once. committed_at is the clock at the end of the transaction
-- that stored it: the load generator measures alarm_time → committed_at.
create table alarm (
  alarm_id     text primary key,
  device_id    text not null,
  kind         text not null check (kind in ('ALARM', 'RECOVERY', 'HEARTBEAT')),
  alarm_type   text,
  severity     text,
  alarm_time   timestamptz not null,
  received_at  timestamptz not null,
  committed_at timestamptz not null,
  lon          double precision,
  lat          double precision,
  value        double precision,
  value_unit   text,
  outcome      text not null check (outcome in ('OPENED', 'FOLDED', 'RECOVERED', 'NO_ACTIVE_CASE',
                                                'HEARTBEAT')),
  case_id      bigint references case_file (id)
);
create index alarm_case on alarm (case_id);
create index alarm_device_time on alarm (device_id, alarm_time);

-- Readable messages from unknown or disabled devices: kept, visible, never a case.
create table quarantine (
  key          text primary key,
  device_id    text not null,
  reason       text not null check (reason in ('UNKNOWN_DEVICE', 'DISABLED_DEVICE')),
  detail       text,
  topic        text not null,
  payload      bytea not null,
  received_at  timestamptz not null,
  committed_at timestamptz not null
);
create index quarantine_received on quarantine (received_at);

-- Unreadable messages, with the reason.
create table dead_letter (
  key           text primary key,
  reason        text not null,
  detail        text not null,
  topic         text not null,
  payload       bytea not null,
  payload_bytes int not null,
  received_at   timestamptz not null,
  committed_at  timestamptz not null
);
create index dead_letter_received on dead_letter (received_at);
