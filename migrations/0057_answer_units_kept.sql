-- The municipality's answer on a salon's card ("Teknik og Miljø kommer") kept on the salon's
-- row. Every list of cards called salon_answer_units (0037) once per card: about two thirds
-- of each card list's statement (the directory's first page at 100,000 salons). The rule
-- stays written once, in that function; the salon keeps what it returns, and triggers on
-- everything the function reads call it again for the one salon concerned:
--   invitations   status, holder unit, typed address, awaiting publication, answer time
--                 (the order), moving to another salon, removal;
--   registrations a municipal guest's registration (one through an invitation) coming,
--                 going, changing status or invitation;
--   units         a rename.
-- The recount takes the salon's row lock first and reads the invitations after it, in a
-- statement of its own: two changes to one salon's invitations at once then follow each
-- other, and the second reads what the first committed (a line computed before the lock
-- could be stale by the time it is written). The seat code holds that lock already when
-- registrations change; an answer to an invitation locks the invitation, then the salon, as
-- the seat code does. The write is skipped when the line is unchanged.
alter table salons add column answer_units text[] not null default '{}';

create function keep_salon_answer_units(salon uuid) returns void
language plpgsql as $$
declare
    units text[];
begin
    perform 1 from salons where id = salon for update;
    units := salon_answer_units(salon);
    update salons set answer_units = units
    where id = salon and answer_units is distinct from units;
end
$$;

-- For a row of invitations or registrations (both name their salon): its salon, and the one
-- it left if it moved.
create function row_keeps_salon_answer_units() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform keep_salon_answer_units(old.salon_id);
        return null;
    end if;
    perform keep_salon_answer_units(new.salon_id);
    if tg_op = 'UPDATE' and old.salon_id <> new.salon_id then
        perform keep_salon_answer_units(old.salon_id);
    end if;
    return null;
end
$$;

-- A new invitation has no registrations yet, so it cannot change the line: no insert trigger.
-- Only an accepted invitation is on the line, so changes to others (claims, questions,
-- proposals) never fire it.
create trigger invitations_keep_answer_units
    after update of status, holder_unit_id, typed_address, awaits_publish, answered_at, salon_id
    on invitations for each row
    when ((old.status = 'accepted' or new.status = 'accepted')
          and (old.status, old.holder_unit_id, old.typed_address, old.awaits_publish,
               old.answered_at, old.salon_id)
          is distinct from (new.status, new.holder_unit_id, new.typed_address,
                            new.awaits_publish, new.answered_at, new.salon_id))
    execute function row_keeps_salon_answer_units();
create trigger invitations_keep_answer_units_on_delete
    after delete on invitations for each row
    when (old.status = 'accepted')
    execute function row_keeps_salon_answer_units();

-- Only registrations through an invitation count: a citizen's sign-up never fires these.
create trigger registrations_keep_answer_units_on_insert
    after insert on registrations for each row
    when (new.invitation_id is not null)
    execute function row_keeps_salon_answer_units();
create trigger registrations_keep_answer_units
    after update of status, invitation_id, salon_id on registrations for each row
    when ((old.invitation_id is not null or new.invitation_id is not null)
          and (old.status, old.invitation_id, old.salon_id)
              is distinct from (new.status, new.invitation_id, new.salon_id))
    execute function row_keeps_salon_answer_units();
create trigger registrations_keep_answer_units_on_delete
    after delete on registrations for each row
    when (old.invitation_id is not null)
    execute function row_keeps_salon_answer_units();

create function units_keep_answer_units() returns trigger language plpgsql as $$
begin
    perform keep_salon_answer_units(i.salon_id)
    from (select distinct salon_id from invitations
          where holder_unit_id = new.id and status = 'accepted') i;
    return null;
end
$$;

create trigger units_keep_answer_units
    after update of name on units for each row
    when (old.name is distinct from new.name)
    execute function units_keep_answer_units();

update salons s set answer_units = salon_answer_units(s.id)
where exists (select 1 from invitations i where i.salon_id = s.id and i.status = 'accepted');
