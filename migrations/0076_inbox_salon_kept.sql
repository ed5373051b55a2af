-- What the inbox shows of an invitation's salon, kept on the invitation: its title, its first
-- session's start and whether the moderators hid it.
--
-- The inbox walks each holder's invitations in its order on their index (0070) and read each
-- line's salon by its key for those three: 153 of the 217 shared buffers of the first page of
-- 50 at the benchmark's 1,000 salons. Kept here, a page reads the invitations it walks and
-- nothing else of them.
--
-- Kept as 0070 keeps the due day: a trigger fills them when an invitation is written or
-- moves to another salon (reading the salon under a share lock), and one on the salon writes them to its invitations when the salon's
-- title, first start or hiding changes — under the salon's row lock its update holds, the
-- order the due day's trigger and the record's lines (0055) already take. The write is
-- skipped for invitations that already say it.

alter table invitations
    add column salon_title text not null default '',
    add column salon_starts_at timestamptz,
    add column salon_hidden boolean not null default false;

create function invitations_keep_salon() returns trigger language plpgsql as $$
begin
    select s.title, s.first_starts_at, s.hidden_reason is not null
    into new.salon_title, new.salon_starts_at, new.salon_hidden
    from salons s where s.id = new.salon_id
    -- Under a share lock, as the record's line reads it (0055): a change to the salon at the
    -- same time either committed before (and is read here) or waits until this invitation is
    -- committed (and then writes it too).
    for share;
    return new;
end
$$;

create trigger invitations_keep_salon
    before insert or update of salon_id on invitations
    for each row execute function invitations_keep_salon();

create function salons_keep_invitations_salon() returns trigger language plpgsql as $$
begin
    update invitations i
    set salon_title = new.title, salon_starts_at = new.first_starts_at,
        salon_hidden = new.hidden_reason is not null
    where i.salon_id = new.id
      and (i.salon_title, i.salon_starts_at, i.salon_hidden)
          is distinct from (new.title, new.first_starts_at, new.hidden_reason is not null);
    return null;
end
$$;

create trigger salons_keep_invitations_salon
    after update of title, first_starts_at, hidden_reason on salons
    for each row
    when ((old.title, old.first_starts_at, old.hidden_reason)
          is distinct from (new.title, new.first_starts_at, new.hidden_reason))
    execute function salons_keep_invitations_salon();

-- As 0070's backfill: the kept count of open invitations (0065) and the record's lines (0055)
-- read none of these, and their update triggers over every invitation take minutes.
alter table invitations disable trigger invitations_keep_inbox_counts_updated;
alter table invitations disable trigger invitations_keep_record_lines;
update invitations i
set salon_title = s.title, salon_starts_at = s.first_starts_at,
    salon_hidden = s.hidden_reason is not null
from salons s
where s.id = i.salon_id;
alter table invitations enable trigger invitations_keep_inbox_counts_updated;
alter table invitations enable trigger invitations_keep_record_lines;
