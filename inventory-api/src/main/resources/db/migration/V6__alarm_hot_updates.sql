-- Write cost of the alarm path, measured at 5,000 alarms/s (docs/benchmarks.md, issue 4).
--
-- Every inserted alarm ran the foreign-key trigger on case_file (a SELECT … FOR KEY SHARE per
-- row). case_id is written only by the alarm processor, with the id of a case it inserted or
-- updated in the same transaction, and cases are never deleted (they end CLOSED or VOID), so the
-- check can never fail; the index alarm_case stays for a case's alarm list.
alter table alarm drop constraint if exists alarm_case_id_fkey;

-- Folding an alarm updates its case (count, last seen) and its device (last seen, battery); no
-- indexed column changes, so PostgreSQL can update in place on the same page (HOT) when the page
-- has room. Leave room on new pages.
alter table case_file set (fillfactor = 70);
alter table device set (fillfactor = 80);
