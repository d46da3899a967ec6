-- Component codes are 16- or 17-digit strings: compare them byte by byte ("C"), whatever the
-- database's default collation. The order is the same for digits (and is String.compareTo's, the
-- order of the in-memory inventory), but under any other collation, C.UTF-8 included on
-- PostgreSQL 15 or older, every comparison goes through the C library's strcoll and PostgreSQL
-- sorts without its abbreviated keys. That cost is paid where codes are sorted or joined: the
-- primary key rebuilt after a first load of 649,000 components took 1.10-1.24 s under C.UTF-8 and
-- 0.91 s with "C", and PostgreSQL's CPU per first load fell by 0.5-0.7 s (docs/benchmarks.md,
-- issue 3, eleventh pass); the merge of a re-import joins on codes too.
--
-- Every column holding a component code is changed alike, so that comparisons between them keep
-- one collation. A collation change rewrites no table; the indexes on these columns are rebuilt.
alter table component alter column code type varchar(17) collate "C";
alter table component_history alter column component_code type varchar(17) collate "C";
alter table device alter column component_code type varchar(17) collate "C";
alter table case_file alter column component_code type varchar(17) collate "C";
