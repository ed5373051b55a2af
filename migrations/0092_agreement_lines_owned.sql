-- The next steps one person owns, for the inbox. `agreement_lines(NULL, NULL, NULL, owner, …)`
-- gives them, but its plan is made once for every scope (the pool forces generic plans), so it
-- reads every agreement and asks `agreement_owners` about each: with two next steps per salon
-- at 1,000 salons the inbox's statement took ~19 ms of database CPU. Here the owner's
-- agreements are found from the owner (`agreement_owners` for that person: the salons they
-- host, the units they answer for, their own), a few index reads, and the statement takes
-- ~0.8 ms. The lines are the same rows in the same order as `agreement_lines` gives for the
-- owner (the test `agreements::` compares the two for every person after each change).
create function agreement_lines_owned(for_owner uuid, public_only boolean)
returns table (id uuid, description text, owner_kind text, unit_name text, person text,
               official_name text, due_on date, status text, refusal_reason text,
               created_at timestamptz, corrected_at timestamptz, salon_id uuid,
               slug text, title text, owner_profile uuid, "position" bigint)
language sql stable as $$
    select a.id, a.description, a.owner::text, un.name, u.name, m.official_name, a.due_on,
           a.status::text, a.refusal_reason, a.created_at, a.corrected_at,
           s.id, s.slug, s.title,
           case when a.owner::text = 'person' and u.deleted_at is null
                     and exists (select 1 from roles ro
                                 where ro.user_id = u.id and ro.status = 'approved'
                                   and ro.kind <> 'admin')
                then u.id end,
           row_number() over (order by a.due_on nulls last, a.created_at, a.id)
    from agreements a join salons s on s.id = a.salon_id
    join municipalities m on m.code = s.municipality_code
    left join units un on un.id = a.owner_unit_id
    left join users u on u.id = a.owner_user_id
    where a.id in (select o.agreement_id from agreement_owners o where o.user_id = for_owner)
      and (not public_only or (s.visibility = 'public' and s.hidden_reason is null))
    order by a.due_on nulls last, a.created_at, a.id
    limit 200
$$;
