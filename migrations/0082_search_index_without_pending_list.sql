-- The directory's search reads `salons_search_full` (0026) on every request; its writes are a
-- salon created, edited or having a counter moved. GIN's default `fastupdate` puts each
-- written row's entries on a pending list instead of into the index, and every search then
-- reads the whole list and tests each of its rows against the query, until a vacuum (or
-- 4 MB of them) moves it into the index. On the benchmark's data 47 rows were pending after
-- the seed's last writes, a tenth of search's statement (~12 µs of ~92 per run at 1,000
-- salons); in service the list would grow between vacuums with every registration and edit.
-- Without it a write puts its entries into the index itself (no measurable change to a
-- salon's update here) and a search reads only the index.
--
-- Rebuilt, not only altered: turning `fastupdate` off leaves the pending list in place, and
-- an index grown through it is left sparse (1 MB at 1,000 salons, 90 KB rebuilt).
alter index salons_search_full set (fastupdate = off);
reindex index salons_search_full;
