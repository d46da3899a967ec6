-- Every index on alarm costs PostgreSQL CPU on each of thousands of inserts a second. Nothing
-- reads alarms by device and time (the case keeps first/last seen, the device its last seen), so
-- that index goes; alarm_case stays for a case's alarm list.
drop index if exists alarm_device_time;
