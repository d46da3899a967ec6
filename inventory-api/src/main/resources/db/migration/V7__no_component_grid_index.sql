-- No query filters components by grid code: per-grid views, routing and the grid-set
-- re-assignment work from the in-memory ComponentStore (GridSets reads all rows). The index cost
-- about 0.75 s of the database's time in every first load of 649,000 components (rebuilt after
-- the COPY) and upkeep on every merge.
drop index if exists component_grid;
