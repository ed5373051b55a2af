-- A decision's page walks its salons' links by decision (decisions::pages, `salons_of`), twice:
-- once for the salons' cards and once for their next steps. The index by (decision, linked_at)
-- (0018) held no salon, so the walk read the links' rows too — and on a small table the generic
-- plan did not use it at all but scanned every link (258 rows at 1,000 salons, ~180,000 of the
-- statement's ~910,000 instructions a run). By (decision, salon) the walk is read from the
-- index alone. Nothing orders links by `linked_at` within a decision, so the old index goes.
-- See bench/README.md, "A decision page: its links walked from an index, its next steps read
-- once".

drop index salon_decisions_by_decision;
create index salon_decisions_by_decision on salon_decisions (decision_id, salon_id);
