-- Seats taken as a salon's card counts them for "N ledige pladser". Seats are per session
-- (migration 0040), so a card shows the most free seats in any session still ahead: the
-- fewest taken among the sessions that have not ended; once all are over, the salon's own
-- counter (people with a seat in any session). One definition for every list that shows
-- cards, as salon_answer_units (0037) is for the answer line: the directory had the
-- per-session rule while Mine saloner, the unit page and the decision page still read the
-- salon's counter, and told a different figure for the same salon. plpgsql, so its plan is
-- kept per connection.
create function card_seats_taken(salon uuid, salon_count integer, at timestamptz)
returns integer
language plpgsql stable as $$
begin
    return coalesce((select min(ss.citizens_registered)
                     from salon_sessions ss
                     where ss.salon_id = salon and ss.ends_at > at),
                    salon_count);
end
$$;
