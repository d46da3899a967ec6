-- Grid-set uploads: where each grid came from, and the rows that could not become a grid.
-- Those rows are kept (not rejected at upload) so that the topology check reports them with
-- everything else, by source row.

alter table grid_set add column file_name text;
alter table grid_set add column crs text;

alter table grid add column source_row bigint;

-- A row of an uploaded grid file that is not a valid grid (malformed or duplicate code, missing
-- or non-polygonal geometry, bad level or parent), as written; geometry in CGCS2000 lon/lat WKB.
create table grid_set_record (
  grid_set_id  bigint not null references grid_set (id) on delete cascade,
  source_row   bigint not null,
  code_text    text,
  level        text check (level in ('DISTRICT', 'STREET', 'COMMUNITY', 'UNIT', 'SPECIAL')),
  parent_text  text,
  geom         bytea,
  reason       text,
  primary key (grid_set_id, source_row)
);
