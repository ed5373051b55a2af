-- Pages find their municipality by slug (`m.slug = $n`: a decision's page, the municipality
-- and unit pages, the record's CSV). The 98 municipalities fit in two pages, so the generic
-- plan (the app's pool forces one) priced a scan of both pages below a probe of the unique
-- index on slug and scanned all 98 rows for the one asked for — ~58,000 of the ~351,000
-- instructions `decisions::load` costs a run. Spread over ~13 pages the scan costs more than
-- the probe, and every look-up by slug or code takes its index; nothing reads all 98 rows
-- more than once a process (`directory::municipality_names`). CLUSTER writes the table again
-- at the new fill factor (VACUUM FULL cannot run in a migration's transaction).
-- See bench/README.md, "A decision page: the municipality by its index, the salons sorted by
-- the server".

alter table municipalities set (fillfactor = 10);
cluster municipalities using municipalities_pkey;
analyze municipalities;
