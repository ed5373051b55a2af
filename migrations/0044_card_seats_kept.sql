-- Cards read their seats from the salon's row again, one index walk per page. Since seats
-- moved to the sessions (0040) every card called card_seats_taken (0043), a plpgsql function
-- that looks up the salon's sessions: ~0.25 ms per 20 cards at 100,000 salons, on every list
-- of cards and in the directory's "ledige pladser" filter.
--
-- What a card shows depends on time (the sessions that have not ended), so the salon keeps
-- what does not: the fewest seats taken in any of its sessions, and when its first and last
-- sessions end. Until the first session ends, the fewest in any session ahead is the fewest
-- in all of them; after the last, the salon's own counter stands. Only in between (a series
-- under way) is the function still called, for those few salons. No clock is read here: the
-- time comes with the query, from the app's clock.
alter table salons
    add column seats_taken_least integer,
    add column sessions_first_end timestamptz,
    add column sessions_last_end timestamptz;

-- Kept by a trigger on the sessions, so every change to them keeps it (the seat code's
-- counters, a host moving, adding or removing a session). The seat code changes the counters
-- under the salon's row lock, and this update of the same row happens inside that statement,
-- under the same lock. The write is skipped when nothing changed, so a registration that
-- touches three sessions writes the salon once.
create function salons_keep_card_seats() returns trigger language plpgsql as $$
declare
    affected uuid;
begin
    if tg_op = 'DELETE' then
        affected := old.salon_id;
    else
        affected := new.salon_id;
    end if;
    update salons s
    set seats_taken_least = k.least_taken, sessions_first_end = k.first_end,
        sessions_last_end = k.last_end
    from (select min(citizens_registered) as least_taken, min(ends_at) as first_end,
                 max(ends_at) as last_end
          from salon_sessions where salon_id = affected) k
    where s.id = affected
      and (s.seats_taken_least, s.sessions_first_end, s.sessions_last_end)
          is distinct from (k.least_taken, k.first_end, k.last_end);
    if tg_op = 'UPDATE' and old.salon_id <> new.salon_id then
        update salons s
        set seats_taken_least = k.least_taken, sessions_first_end = k.first_end,
            sessions_last_end = k.last_end
        from (select min(citizens_registered) as least_taken, min(ends_at) as first_end,
                     max(ends_at) as last_end
              from salon_sessions where salon_id = old.salon_id) k
        where s.id = old.salon_id;
    end if;
    return null;
end
$$;

create trigger salon_sessions_keep_card_seats
    after insert or update of citizens_registered, ends_at, salon_id or delete on salon_sessions
    for each row execute function salons_keep_card_seats();

update salons s
set seats_taken_least = k.least_taken, sessions_first_end = k.first_end,
    sessions_last_end = k.last_end
from (select salon_id, min(citizens_registered) as least_taken, min(ends_at) as first_end,
             max(ends_at) as last_end
      from salon_sessions group by salon_id) k
where s.id = k.salon_id;

-- Seats taken as a card counts them, from the kept columns: the same rule as
-- card_seats_taken (0043), which remains its definition and answers while a series is under
-- way. Plain SQL with one expression, so the planner inlines it into each query: no call per
-- card, and card_seats_taken runs only in the CASE branch that needs it.
create function card_seats(salon uuid, salon_count integer, least_taken integer,
                           first_end timestamptz, last_end timestamptz, at timestamptz)
returns integer
language sql stable as $$
    select case
        when at < first_end then least_taken
        when last_end is null or at >= last_end then salon_count
        else card_seats_taken(salon, salon_count, at)
    end
$$;
