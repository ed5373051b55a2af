-- The response record, kept: one narrow line per invitation that counts, with what the record
-- needs from the invitation and its salon already worked out, so a municipality's or unit's
-- record reads its own lines from one index instead of joining every invitation of the
-- municipality to its salon (12 ms of the municipality page at 100,000 salons).
--
-- What a line says does not depend on time; what does (has the salon started, is the
-- invitation within the 12 months) is decided by the query, with the time from the app's
-- clock, as the cards' seats are (0044). Percentiles need every reply time, so the lines are
-- kept rather than counts: the median and 90th percentile stay exact.
--
-- The view is the record's one definition of which invitations count and how; the table is
-- what it gives, kept by triggers on the invitations and salons below.
create view invitation_record_lines as
select i.id as invitation_id,
       i.municipality_code,
       -- credited to the unit that held the invitation when it replied; until then its holder
       case when proven.reply_at is not null then i.first_reply_unit_id
            else i.holder_unit_id end as unit_id,
       i.sent_at,
       s.first_starts_at as starts_at,
       -- seconds to the first proven reply, when it came before the salon started
       case when proven.reply_at is not null
                 and (s.first_starts_at is null or proven.reply_at <= s.first_starts_at)
            then extract(epoch from proven.reply_at - i.sent_at)::float8
       end as reply_secs,
       i.status = 'accepted' and not i.typed_address as accepted,
       i.status = 'declined' and not i.typed_address as declined,
       i.status = 'proposed'
           or (i.status = 'open' and not i.typed_address
               and i.first_reply_kind is not distinct from 'proposed')
           as proposed,
       i.status in ('open', 'proposed') as waiting,
       -- the municipality's own mailboxes (an address the host typed is not one)
       i.via_mailbox and not i.typed_address as by_email,
       -- answered through an address the host typed: shown, never the municipality's reply
       i.typed_address and i.first_reply_at is not null as typed_reply
from invitations i
join salons s on s.id = i.salon_id
cross join lateral (select case when i.typed_address then null
                                else i.first_reply_at end as reply_at) proven
where i.target <> 'email'
  and i.status <> 'withdrawn'
  -- a spam salon's invitation says nothing about how a municipality answers
  and s.hidden_reason is null
  -- drafts count for nothing (their invitations are not sent yet)
  and not i.awaits_publish and s.status <> 'draft'
  and not (s.status = 'cancelled'
           and (proven.reply_at is null or proven.reply_at > s.cancelled_at));

create table record_lines (
    invitation_id     uuid primary key references invitations (id) on delete cascade,
    municipality_code text not null,
    unit_id           uuid,
    sent_at           timestamptz not null,
    starts_at         timestamptz,
    reply_secs        double precision,
    accepted          boolean not null,
    declined          boolean not null,
    proposed          boolean not null,
    waiting           boolean not null,
    by_email          boolean not null,
    typed_reply       boolean not null
);

-- A record reads its 12 months from one of these, the lines' own columns included, so the
-- read touches the index alone (a few pages for a municipality's ~1,000 lines).
create index record_lines_by_municipality on record_lines (municipality_code, sent_at)
    include (starts_at, reply_secs, accepted, declined, proposed, waiting, by_email, typed_reply);
create index record_lines_by_unit on record_lines (unit_id, sent_at)
    include (starts_at, reply_secs, accepted, declined, proposed, waiting, by_email, typed_reply)
    where unit_id is not null;

-- The lines of invitations `ids` made what the view says: written when they count, removed
-- when they no longer do.
create function record_lines_refresh(ids uuid[]) returns void language sql as $$
    delete from record_lines l
    where l.invitation_id = any (ids)
      and not exists (select 1 from invitation_record_lines v
                      where v.invitation_id = l.invitation_id);
    insert into record_lines (invitation_id, municipality_code, unit_id, sent_at, starts_at,
                              reply_secs, accepted, declined, proposed, waiting, by_email,
                              typed_reply)
    select invitation_id, municipality_code, unit_id, sent_at, starts_at, reply_secs, accepted,
           declined, proposed, waiting, by_email, typed_reply
    from invitation_record_lines where invitation_id = any (ids)
    on conflict (invitation_id) do update
    set (municipality_code, unit_id, sent_at, starts_at, reply_secs, accepted, declined,
         proposed, waiting, by_email, typed_reply)
        = (excluded.municipality_code, excluded.unit_id, excluded.sent_at, excluded.starts_at,
           excluded.reply_secs, excluded.accepted, excluded.declined, excluded.proposed,
           excluded.waiting, excluded.by_email, excluded.typed_reply);
$$;

-- An invitation changed: its line follows. The salon's row is read under a share lock, so a
-- salon changing at the same time either finished before (and the line sees it) or waits
-- until this is committed (and then rewrites the line from both).
create function invitations_keep_record_line() returns trigger language plpgsql as $$
begin
    perform 1 from salons where id = new.salon_id for share;
    perform record_lines_refresh(array[new.id]);
    return null;
end
$$;

create trigger invitations_keep_record_lines
    after insert or update on invitations
    for each row execute function invitations_keep_record_line();

-- A salon started at another time, was hidden, cancelled or published: its invitations' lines
-- follow, under the salon's row lock that the update holds.
create function salons_keep_record_lines() returns trigger language plpgsql as $$
begin
    perform record_lines_refresh(array(select id from invitations where salon_id = new.id));
    return null;
end
$$;

create trigger salons_keep_record_lines
    after update of first_starts_at, hidden_reason, status, cancelled_at on salons
    for each row
    when ((old.first_starts_at, old.hidden_reason, old.status, old.cancelled_at)
          is distinct from (new.first_starts_at, new.hidden_reason, new.status, new.cancelled_at))
    execute function salons_keep_record_lines();

insert into record_lines (invitation_id, municipality_code, unit_id, sent_at, starts_at,
                          reply_secs, accepted, declined, proposed, waiting, by_email,
                          typed_reply)
select invitation_id, municipality_code, unit_id, sent_at, starts_at, reply_secs, accepted,
       declined, proposed, waiting, by_email, typed_reply
from invitation_record_lines;
