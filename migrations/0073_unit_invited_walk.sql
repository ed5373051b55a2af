-- The unit page's "salons it is invited to" read in one index walk. The page shows the next 20
-- listed salons (public, published, not hidden, not yet over) the unit holds or first answered
-- an invitation to (not withdrawn), in the order of their first session. It found them by
-- looking each invitation's salon up by key and sorting them all: 100 look-ups for a unit with
-- 100 invitations (380–525 µs of database CPU, the largest part of the page's statements).
--
-- Each invitation now keeps its salon's first and last start while the salon is listed (NULL
-- otherwise), and two indexes order a unit's invitations by them: the page walks them in order
-- and looks up only the 20 salons it shows.
alter table invitations
    add column salon_listed_from timestamptz,
    add column salon_listed_until timestamptz;

-- The invitation's copy, read when it is written, under a share lock on the salon's row (as
-- the record's lines take it, 0055): a salon changing meanwhile either committed before (and
-- the lock returns its new row) or waits for this transaction and then updates this row too.
create function invitations_keep_salon_listed() returns trigger language plpgsql as $$
declare
    listed boolean;
    first_at timestamptz;
    last_at timestamptz;
begin
    select s.visibility = 'public' and s.status = 'published' and s.hidden_reason is null,
           s.first_starts_at, s.last_starts_at
    into listed, first_at, last_at
    from salons s where s.id = new.salon_id
    for share;
    new.salon_listed_from := case when listed then first_at end;
    new.salon_listed_until := case when listed then last_at end;
    return new;
end
$$;

create trigger invitations_keep_salon_listed
    before insert or update of salon_id, salon_listed_from, salon_listed_until on invitations
    for each row execute function invitations_keep_salon_listed();

-- A salon published, hidden, made private, cancelled, or its sessions moved: its invitations'
-- copies follow, under the salon's row lock the update holds.
create function salons_keep_invitations_listed() returns trigger language plpgsql as $$
declare
    listed boolean := new.visibility = 'public' and new.status = 'published'
                      and new.hidden_reason is null;
begin
    -- The invitations' own trigger above reads the salon again and finds it as updated here.
    update invitations i
    set salon_listed_from = case when listed then new.first_starts_at end,
        salon_listed_until = case when listed then new.last_starts_at end
    where i.salon_id = new.id
      and (i.salon_listed_from, i.salon_listed_until) is distinct from
          (case when listed then new.first_starts_at end,
           case when listed then new.last_starts_at end);
    return null;
end
$$;

create trigger salons_keep_invitations_listed
    after update of visibility, status, hidden_reason, first_starts_at, last_starts_at on salons
    for each row
    when ((old.visibility, old.status, old.hidden_reason, old.first_starts_at, old.last_starts_at)
          is distinct from
          (new.visibility, new.status, new.hidden_reason, new.first_starts_at, new.last_starts_at))
    execute function salons_keep_invitations_listed();

-- The copies of the invitations there are. Neither the kept count of open invitations (0065)
-- nor the record's lines (0055) read them: their update triggers have nothing to do here.
alter table invitations disable trigger invitations_keep_inbox_counts_updated;
alter table invitations disable trigger invitations_keep_record_lines;
update invitations i
set salon_listed_from = s.first_starts_at, salon_listed_until = s.last_starts_at
from salons s
where s.id = i.salon_id
  and s.visibility = 'public' and s.status = 'published' and s.hidden_reason is null;
alter table invitations enable trigger invitations_keep_inbox_counts_updated;
alter table invitations enable trigger invitations_keep_record_lines;

-- A unit's invitations in the page's order, once for the unit holding them and once for the
-- unit that first answered them; the end of the salon rides along so the walk skips salons
-- that are over without a look-up.
create index invitations_invited_by_holder_unit
    on invitations (holder_unit_id, salon_listed_from, salon_id) include (salon_listed_until)
    where status <> 'withdrawn' and salon_listed_until is not null
      and holder_unit_id is not null;
create index invitations_invited_by_first_unit
    on invitations (first_reply_unit_id, salon_listed_from, salon_id) include (salon_listed_until)
    where status <> 'withdrawn' and salon_listed_until is not null
      and first_reply_unit_id is not null;
