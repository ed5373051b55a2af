-- What the salon page reads about the person viewing it: whether they host it, their own live
-- registration, whether they are invited (an invite-only salon only), the units they answer
-- for in its conversation and whether they own one of its next steps.
--
-- The page loads in one statement, and PostgreSQL sets up every sub-select of a statement's
-- plan on each execution, run or not: these parts, ~25 plan nodes with the walk over who may
-- answer an invitation, cost a visitor about a third of the statement while answering nothing
-- (nobody is signed in). Behind a function the calling statement skips them for a visitor
-- (`case when viewer is not null`), and for a person only the parts that apply are set up:
-- plpgsql keeps each inner statement's plan for the session, and reads the invitation walk only
-- for an invite-only salon and the answer units only for someone who answers for a unit.
--
-- The result is one json object:
--   is_host, invited, owns_step: booleans;
--   mine: the live registration (registered or waitlisted) with its sessions, or null;
--   answer_units: [{id, name, invited}] by name (conversation_answer_units, migration 0060).
create function salon_page_viewer(for_salon uuid, viewer uuid, viewer_email text,
                                  invite_only boolean)
returns json
language plpgsql stable as $$
declare
    standing json;
    answers boolean;
    is_invited boolean := false;
    units json := '[]';
begin
    -- The visibility rule's "invited" (salons::visibility::load_even_hidden reads the same):
    -- an invitation not withdrawn, to the person's confirmed address or answerable by them.
    if invite_only then
        is_invited := exists (select 1 from invitations i
                           where i.salon_id = for_salon and i.status <> 'withdrawn'
                             and (i.target = 'email' and i.email = lower(viewer_email)
                                  or exists (select 1 from invitation_answerers a
                                             where a.invitation_id = i.id and a.user_id = viewer)));
    end if;

    select json_build_object(
               'is_host', exists (select 1 from salon_hosts h
                                  where h.salon_id = for_salon and h.user_id = viewer),
               'mine', (select json_build_object(
                                   'status', r.status, 'kind', r.kind,
                                   'waitlist_position', r.waitlist_position, 'role_kind', ro.kind,
                                   'role_title', ro.title, 'role_party', ro.party,
                                   'needs', r.needs, 'show_name', r.show_name,
                                   'sessions', (select coalesce(json_agg(json_build_object(
                                                    'id', rs.session_id, 'place', rs.place,
                                                    'position', rs.waitlist_position)), '[]')
                                                from registration_sessions rs
                                                where rs.registration_id = r.id))
                        from registrations r left join roles ro on ro.id = r.role_id
                        where r.salon_id = for_salon and r.user_id = viewer
                          and r.status in ('registered', 'waitlisted')),
               'owns_step', exists (select 1 from agreements a
                                    where a.salon_id = for_salon and a.owner_user_id = viewer),
               'invited', is_invited),
           -- Only someone who answers for a unit can answer in a conversation.
           exists (select 1 from roles ro join role_units ru on ru.role_id = ro.id
                   where ro.user_id = viewer and ro.status = 'approved' and ru.answers_for)
      into standing, answers;

    if answers then
        select coalesce(json_agg(json_build_object('id', au.id, 'name', au.name,
                                                   'invited', au.invited)
                                 order by au.name), '[]')
          into units
          from conversation_answer_units(for_salon, viewer) au;
    end if;

    return (standing::jsonb || jsonb_build_object('answer_units', units))::json;
end
$$;
