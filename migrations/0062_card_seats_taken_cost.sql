-- What card_seats_taken (0043) costs, told to the planner. It looks up the salon's sessions
-- (an index probe of salon_sessions for each call), but as plpgsql it was left at the default
-- cost of a function, 100 (a quarter of a page read): a query that asks it for every row it
-- reads, as the directory's "ledige pladser" filter does through card_seats (0044), looked as
-- cheap when it read the whole table and sorted it as when it walked the index and stopped at
-- a page. At 1,000 salons the generic plan of that filter did the former (~0.5 ms more per
-- page, bench/README.md). At 1000 (2.5 page reads) a call costs about what an index probe
-- of a few cached pages does, and every row a plan spares it counts.
alter function card_seats_taken(uuid, integer, timestamptz) cost 1000;
