-- The record's last line, "decisions with citizens' salons before them", looked at every link
-- of every decision that came up in the 12 months, and at each linked salon, on every read of
-- a municipality's or unit's record (an EXISTS per decision: about half of the record's
-- statement at 1,000 salons, measured with pgbench). Whether a salon came before its
-- decision's meeting day does not depend on the time of reading — only on the salon's start
-- and the meeting day — so the number is kept on the decision next to `public_salons` (0034),
-- by the same recount, and the record reads the decisions alone.
alter table decisions add column salons_before_meeting integer not null default 0;

-- Both counts, always recounted from the links (never incremented), so they cannot drift.
-- "Before" is before the meeting day starts in Copenhagen, as the record always counted it.
create or replace function recount_decision_salons(decision uuid) returns void
language sql as $$
    update decisions d
    set (public_salons, salons_before_meeting) = (
        select count(*),
               count(*) filter (where s.first_starts_at
                                      < (d.meeting_on::timestamp at time zone 'Europe/Copenhagen'))
        from salon_decisions sd join salons s on s.id = sd.salon_id
        where sd.decision_id = d.id and s.visibility = 'public'
          and s.hidden_reason is null and s.status in ('published', 'held', 'closed'))
    where d.id = decision
$$;

-- A salon's start now matters too (a salon moved past the meeting no longer came before it).
drop trigger salons_recount_decisions on salons;
create trigger salons_recount_decisions
after update of visibility, hidden_reason, status, first_starts_at on salons
for each row
when (old.visibility is distinct from new.visibility
      or old.hidden_reason is distinct from new.hidden_reason
      or old.status is distinct from new.status
      or old.first_starts_at is distinct from new.first_starts_at)
execute function salons_recount_decisions();

-- And the decision's meeting day. The recount writes only the two counts, so it does not
-- fire this trigger again.
create function decisions_recount_on_meeting() returns trigger
language plpgsql as $$
begin
    perform recount_decision_salons(new.id);
    return null;
end
$$;

create trigger decisions_recount_on_meeting
after update of meeting_on on decisions
for each row
when (old.meeting_on is distinct from new.meeting_on)
execute function decisions_recount_on_meeting();

update decisions d set salons_before_meeting = (
    select count(*) from salon_decisions sd join salons s on s.id = sd.salon_id
    where sd.decision_id = d.id and s.visibility = 'public'
      and s.hidden_reason is null and s.status in ('published', 'held', 'closed')
      and s.first_starts_at < (d.meeting_on::timestamp at time zone 'Europe/Copenhagen'))
where exists (select 1 from salon_decisions sd where sd.decision_id = d.id);

-- The decisions lists (0056) as the pool's connections keep their plan (a generic one: the
-- municipality is a parameter) joined the listed decisions to their committees by hashing
-- every unit of the country (1,177 at 100,000 salons) on every request; each listed
-- decision now looks its committee up by its key. Otherwise as before.
create or replace function decisions_listed(for_code text, for_unit uuid, open_limit bigint,
                                            decided_limit bigint)
returns table (id uuid, title text, committee text, meeting_on date, hearing_from date,
               hearing_to date, status decision_status, salons integer, "position" bigint)
language sql stable as $$
    with picked as (
        (select d.id, d.title, d.committee_id, d.meeting_on, d.hearing_from, d.hearing_to,
                d.status, d.public_salons
         from decisions d
         where d.municipality_code = for_code and d.status = 'upcoming'
           and (for_unit is null or d.unit_id = for_unit or d.committee_id = for_unit)
         order by d.meeting_on, d.id limit open_limit)
        union all
        (select d.id, d.title, d.committee_id, d.meeting_on, d.hearing_from, d.hearing_to,
                d.status, d.public_salons
         from decisions d
         where d.municipality_code = for_code and d.status in ('decided', 'withdrawn')
           and (for_unit is null or d.unit_id = for_unit or d.committee_id = for_unit)
         order by d.meeting_on desc, d.id limit decided_limit))
    select d.id, d.title, (select c.name from units c where c.id = d.committee_id),
           d.meeting_on, d.hearing_from, d.hearing_to, d.status, d.public_salons,
           -- the order, for a caller that aggregates the rows (json_agg … order by position)
           row_number() over (order by d.status = 'upcoming' desc,
                                       case when d.status = 'upcoming' then d.meeting_on end,
                                       d.meeting_on desc, d.id)
    from picked d
    order by 9
$$;
