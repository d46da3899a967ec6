-- Wangge inventory schema. Geometry is WKB (bytea) with lon/lat or bbox columns, so any
-- PostgreSQL 14+ works without extensions; the spatial engine lives in the JVM.

create table district (
  code        varchar(6) primary key,
  name        text not null,
  boundary    bytea,
  created_at  timestamptz not null default now()
);

create table unit (
  id          text primary key,
  name        text not null,
  kind        text not null check (kind in ('DISTRICT_CENTRE', 'STREET_OFFICE', 'COMMUNITY',
                                            'DEPARTMENT', 'OWNER', 'MAINTENANCE')),
  district_code varchar(6) references district (code),
  phone       text,
  updated_at  timestamptz not null default now()
);

-- Grid sets are versioned: a new import is a DRAFT, checked (VALIDATED or REJECTED), then
-- activated atomically; one ACTIVE set per district.
create table grid_set (
  id            bigserial primary key,
  district_code varchar(6) not null references district (code),
  version       int not null,
  status        text not null check (status in ('DRAFT', 'VALIDATED', 'REJECTED', 'ACTIVE', 'RETIRED')),
  source        text,
  report        jsonb,
  created_by    text,
  created_at    timestamptz not null default now(),
  activated_at  timestamptz,
  unique (district_code, version)
);
create unique index grid_set_one_active on grid_set (district_code) where status = 'ACTIVE';

create table grid (
  grid_set_id  bigint not null references grid_set (id) on delete cascade,
  code         varchar(15) not null,
  name         text,
  level        text not null check (level in ('DISTRICT', 'STREET', 'COMMUNITY', 'UNIT', 'SPECIAL')),
  parent_code  varchar(15),
  responsible_unit_id text,
  geom         bytea not null,
  min_lon      double precision not null,
  min_lat      double precision not null,
  max_lon      double precision not null,
  max_lat      double precision not null,
  primary key (grid_set_id, code)
);
create index grid_parent on grid (grid_set_id, parent_code);
create index grid_bbox on grid (grid_set_id, min_lon, max_lon, min_lat, max_lat);

create table component (
  code                 varchar(17) primary key,
  district_code        varchar(6) not null references district (code),
  class_code           varchar(5) not null,
  name                 text,
  lon                  double precision not null,
  lat                  double precision not null,
  state                text not null check (state in ('INTACT', 'DAMAGED', 'MISSING', 'ABANDONED', 'REMOVED')),
  competent_dept_id    text,
  competent_dept_name  text not null,
  owner_id             text,
  owner_name           text,
  maintenance_unit_id  text,
  maintenance_unit_name text,
  grid_code            varchar(15),
  bgid_reported        varchar(15),
  or_date              date,
  ch_date              date,
  data_source          text,
  note                 text,
  version              int not null default 1,
  updated_at           timestamptz not null default now()
);
create index component_lonlat on component (lon, lat);
create index component_grid on component (grid_code);
create index component_class on component (class_code);
create index component_maintenance on component (maintenance_unit_id);

create table component_history (
  id             bigserial primary key,
  component_code varchar(17) not null,
  changed_at     timestamptz not null default now(),
  change         text not null,
  state          text,
  detail         jsonb,
  changed_by     text,
  import_job_id  uuid
);
create index component_history_code on component_history (component_code, changed_at);

create table device (
  id              text primary key,
  kind            text not null,
  component_code  varchar(17) references component (code),
  secret_hash     text not null,
  status          text not null default 'ACTIVE' check (status in ('ACTIVE', 'DISABLED')),
  last_seen       timestamptz,
  battery_percent numeric(5, 2)
);
create index device_component on device (component_code);

create table import_job (
  id            uuid primary key,
  kind          text not null check (kind in ('COMPONENTS', 'GRIDS')),
  district_code varchar(6) not null,
  file_name     text not null,
  format        text,
  crs           text,
  dry_run       boolean not null,
  status        text not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
  message       text,
  total_rows    bigint not null default 0,
  accepted      bigint not null default 0,
  inserted      bigint not null default 0,
  updated       bigint not null default 0,
  unchanged     bigint not null default 0,
  rejected      bigint not null default 0,
  grid_set_id   bigint,
  created_by    text,
  created_at    timestamptz not null default now(),
  finished_at   timestamptz
);

create table import_rejection (
  job_id     uuid not null references import_job (id) on delete cascade,
  row_number bigint not null,
  code       text,
  field      text,
  reason     text not null,
  primary key (job_id, row_number, reason)
);

create table app_user (
  username      text primary key,
  password_hash text not null,
  roles         text not null,
  unit_id       text references unit (id),
  enabled       boolean not null default true,
  created_at    timestamptz not null default now()
);
