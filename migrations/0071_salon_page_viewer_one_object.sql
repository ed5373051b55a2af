-- What the salon page reads about a signed-in viewer (0061), built as one json object.
--
-- It built the standing as json, turned it into jsonb to add the answer units and back into
-- json: two conversions of the whole object on every signed-in view of a salon, ~15–20 µs of
-- the function's ~65 µs of database CPU (bench/README.md, "The salon page as a registered
-- person"). Now the answer units are looked for first and the object is built once (the page
-- reads its keys by name). Everything else is as in 0061: the invitation walk only for an
-- invite-only salon, the answer units only for someone who answers for a unit, each inner
-- statement's plan kept for the session.
--
-- The same in plain SQL inside the page's statement was tried and costs more (150–175 against
-- 110–120 µs for the whole statement): PostgreSQL sets up every part for every viewer, the
-- answer units' walk included, where the function runs only the parts that apply.
create or replace function salon_page_viewer(for_salon uuid, viewer uuid, viewer_email text,
                                             invite_only boolean)
returns json
language plpgsql stable as $$
declare
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

    -- Only someone who answers for a unit can answer in a conversation.
    if exists (select 1 from roles ro join role_units ru on ru.role_id = ro.id
               where ro.user_id = viewer and ro.status = 'approved' and ru.answers_for) then
        select coalesce(json_agg(json_build_object('id', au.id, 'name', au.name,
                                                   'invited', au.invited)
                                 order by au.name), '[]')
          into units
          from conversation_answer_units(for_salon, viewer) au;
    end if;

    return json_build_object(
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
               'invited', is_invited,
               'answer_units', units);
end
$$;
