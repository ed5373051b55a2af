-- Who may answer in a salon's conversation, and in whose name: the units the viewer answers
-- for (an approved role with "svarer for" on the unit) among those the salon invited (an
-- invitation not withdrawn) or gave a next step. The salon page offers the answer form from
-- this rule and the write path accepts an answer by it; written out in both, the two could
-- drift apart, so both call this one definition.
--
-- `invited` says whether the unit was invited (else it owns a next step only). A null viewer
-- (nobody signed in) answers for no unit. Plain sql and stable, with no strict marker, so the
-- planner can inline it into the calling query as if the sub-select were written there.
create function conversation_answer_units(salon uuid, viewer uuid)
returns table (id uuid, name text, invited boolean)
language sql stable as $$
    select un.id, un.name,
           exists (select 1 from invitations i
                   where i.salon_id = salon and i.holder_unit_id = un.id
                     and i.status <> 'withdrawn')
    from units un
    where viewer is not null
      and exists (select 1 from role_units ru join roles ro on ro.id = ru.role_id
                  where ru.unit_id = un.id and ru.answers_for
                    and ro.status = 'approved' and ro.user_id = viewer)
      and (exists (select 1 from invitations i
                   where i.salon_id = salon and i.holder_unit_id = un.id
                     and i.status <> 'withdrawn')
           or exists (select 1 from agreements a
                      where a.salon_id = salon and a.owner_unit_id = un.id))
$$;
