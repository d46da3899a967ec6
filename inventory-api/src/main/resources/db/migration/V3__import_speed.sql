-- Box, class and unit queries are answered by the in-memory ComponentStore, never by these
-- indexes; each one cost about a second per 649,000 imported rows.
drop index if exists component_lonlat;
drop index if exists component_class;
drop index if exists component_maintenance;

-- The import job that last wrote a component: a first load records it here instead of writing a
-- history row per component (history keeps the changes: updates, API edits, re-assignments).
alter table component add column import_job_id uuid;
