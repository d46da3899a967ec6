-- Autovacuum on the alarm path's tables, paced (docs/benchmarks.md, issue 4, fourth pass).
--
-- At 5,000 alarms/s, folding updates every active case about once a minute and every alarm is a
-- new row, so autovacuum visits case_file, case_history and alarm every minute or two. At
-- PostgreSQL's default pace (2 ms of sleep per 200 cost units) a visit took about a core for
-- several seconds; on a two-core machine that is what the alarm path's database and JVM need, and
-- the measured p99 of publish → commit doubled for those seconds. Sleeping 10 ms per 200 units
-- spreads the same work over about five times as long at a fifth of the pace; the work itself, and
-- when it starts, are unchanged.
alter table case_file set (autovacuum_vacuum_cost_delay = 10);
alter table case_history set (autovacuum_vacuum_cost_delay = 10);
alter table alarm set (autovacuum_vacuum_cost_delay = 10);
