-- Every transaction that writes components, grids or grid sets leaves one row here (statement
-- triggers, so a COPY of 649,000 rows costs one insert). The start-up keeps a snapshot file of the
-- in-memory inventory stamped with this database's instance id and (count, max txid) of these
-- rows, read in the same transaction as the rows themselves, and uses the file only while the
-- stamp is unchanged: any committed write since makes the count grow. Never delete from this
-- table by hand (it would only force one read from the tables, but keep it append-only).
create table inventory_change (
  txid  bigint primary key,
  at    timestamptz not null default now()
);

-- A random id per database, so a snapshot of another database never matches this one.
create table inventory_instance (
  id    text primary key
);
insert into inventory_instance values (md5(random()::text || clock_timestamp()::text));

create function inventory_changed() returns trigger language plpgsql as $$
begin
  insert into inventory_change (txid) values (txid_current()) on conflict do nothing;
  return null;
end
$$;

create trigger component_changed after insert or update or delete or truncate on component
  for each statement execute function inventory_changed();
create trigger grid_changed after insert or update or delete or truncate on grid
  for each statement execute function inventory_changed();
create trigger grid_set_changed after insert or update or delete or truncate on grid_set
  for each statement execute function inventory_changed();
