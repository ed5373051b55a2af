-- The inbox read a page at a time. It showed 50 lines, but read every invitation the person may
-- answer, each with its salon, and sorted them all before cutting the page (about 880 shared
-- buffers for 100 open invitations at 100,000 salons). Its order is: open before answered, the
-- due day (the earlier of the day the host asked for an answer by and the salon's first day;
-- none last), the time sent, the id. Kept on the invitation, that order is an index, walked
-- once per holder the person answers for and merged: a page is about 50 rows read.

-- Who holds an invitation, as one key: the person it was passed on to, else its unit, else
-- (not one sent by email) its municipality. A person and a unit never hold one together
-- (sending and passing on set one of them), and the check says so: the inbox walks one key
-- per invitation.
alter table invitations
    add constraint invitations_one_holder
        check (holder_user_id is null or holder_unit_id is null);
alter table invitations
    add column holder text generated always as (
        coalesce(holder_user_id::text, holder_unit_id::text,
                 case when target <> 'email' then municipality_code end)) stored;

-- The due day: least(reply_by, the salon's first day in Copenhagen). NULL when neither is
-- known. Kept by the triggers below when the invitation is written and when the salon's first
-- session moves.
alter table invitations add column due date;

create function invitations_keep_due() returns trigger language plpgsql as $$
begin
    new.due := least(new.reply_by,
                     (select (s.first_starts_at at time zone 'Europe/Copenhagen')::date
                      from salons s where s.id = new.salon_id));
    return new;
end
$$;

create trigger invitations_keep_due
    before insert or update of reply_by, salon_id on invitations
    for each row execute function invitations_keep_due();

create function salons_keep_invitations_due() returns trigger language plpgsql as $$
begin
    update invitations i
    set due = least(i.reply_by, (new.first_starts_at at time zone 'Europe/Copenhagen')::date)
    where i.salon_id = new.id
      and i.due is distinct from
          least(i.reply_by, (new.first_starts_at at time zone 'Europe/Copenhagen')::date);
    return null;
end
$$;

create trigger salons_keep_invitations_due
    after update of first_starts_at on salons
    for each row when (old.first_starts_at is distinct from new.first_starts_at)
    execute function salons_keep_invitations_due();

-- Neither the kept count of open invitations (0065) nor the record's lines (0055) read the
-- due day: their update triggers have nothing to do here, and over every invitation at once
-- they take minutes (100,000 invitations: over 15).
alter table invitations disable trigger invitations_keep_inbox_counts_updated;
alter table invitations disable trigger invitations_keep_record_lines;
update invitations i
set due = least(i.reply_by, (s.first_starts_at at time zone 'Europe/Copenhagen')::date)
from salons s
where s.id = i.salon_id;
alter table invitations enable trigger invitations_keep_inbox_counts_updated;
alter table invitations enable trigger invitations_keep_record_lines;

-- The inbox's order per holder. The expressions are written exactly as the inbox's statement
-- writes them, so the planner matches them.
create index invitations_inbox_walk on invitations
    (holder, (status not in ('open', 'proposed')), (coalesce(due, 'infinity'::date)), sent_at, id)
    where not awaits_publish and holder is not null;
