-- The parts of the municipality's and unit's pages that other pages show too, each written once as
-- a SQL function: who answers for a municipality or unit, its decisions in lists, its next
-- steps. Their own modules call them, and the two pages read them inside the one statement
-- that loads the page (at most three statements per page).

-- Who can answer a municipality's invitations on Medspil, or one unit's: its approved admins,
-- and the people who answer for its live units (or for that unit).
-- (A set of one row, so the planner inlines it into the statement that calls it.)
create function municipality_answerers(code text, unit uuid)
returns table (admins bigint, for_units bigint)
language sql stable as $$
    select (select count(*) from roles
            where municipality_code = code and kind = 'admin' and status = 'approved'),
           (select count(distinct r.user_id) from roles r
            join role_units ru on ru.role_id = r.id and ru.answers_for
            join units un on un.id = ru.unit_id and un.archived_at is null
            join users u on u.id = r.user_id and u.deleted_at is null
            where r.municipality_code = code and r.status = 'approved'
              and (unit is null or ru.unit_id = unit))
$$;

-- The decisions of municipality `code` (or only those its unit `unit` prepares or makes): up
-- to `open_limit` open and `decided_limit` decided ones, with the number of public, published
-- salons about each, in the order the lists show them. The two lists are picked by the index
-- on (municipality, status, meeting) before anything is read beside them; the count is kept
-- on the decision (0034). The decisions pages call it, and the municipality's and unit's pages
-- read it inside the statement that loads them.
create function decisions_listed(for_code text, for_unit uuid, open_limit bigint,
                                 decided_limit bigint)
returns table (id uuid, title text, committee text, meeting_on date, hearing_from date,
               hearing_to date, status decision_status, salons integer, "position" bigint)
language sql stable as $$
    with picked as (
        (select d.id, d.title, d.committee_id, d.meeting_on, d.hearing_from, d.hearing_to,
                d.status, d.public_salons
         from decisions d
         where d.municipality_code = for_code and d.status = 'upcoming'
           and (for_unit is null or d.unit_id = for_unit or d.committee_id = for_unit)
         order by d.meeting_on, d.id limit open_limit)
        union all
        (select d.id, d.title, d.committee_id, d.meeting_on, d.hearing_from, d.hearing_to,
                d.status, d.public_salons
         from decisions d
         where d.municipality_code = for_code and d.status in ('decided', 'withdrawn')
           and (for_unit is null or d.unit_id = for_unit or d.committee_id = for_unit)
         order by d.meeting_on desc, d.id limit decided_limit))
    select d.id, d.title, c.name, d.meeting_on, d.hearing_from, d.hearing_to, d.status,
           d.public_salons,
           -- the order, for a caller that aggregates the rows (json_agg … order by position)
           row_number() over (order by d.status = 'upcoming' desc,
                                       case when d.status = 'upcoming' then d.meeting_on end,
                                       d.meeting_on desc, d.id)
    from picked d
    join units c on c.id = d.committee_id
    order by 9
$$;

-- The next steps (agreements) of one salon, unit, municipality or owner — whichever is given —
-- newest due first, with what their lines show; with `public_only`, only those from public
-- salons that are not hidden. One definition for the lists under a salon, in an owner's inbox
-- and on the municipality's and unit's pages (which read it inside their own statement).
create function agreement_lines(for_salon uuid, for_unit uuid, for_code text, for_owner uuid,
                                public_only boolean)
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
    where (for_salon is null or a.salon_id = for_salon)
      and (for_unit is null or a.owner_unit_id = for_unit)
      and (for_code is null or s.municipality_code = for_code)
      and (for_owner is null or exists (select 1 from agreement_owners o
                                        where o.agreement_id = a.id and o.user_id = for_owner))
      and (not public_only or (s.visibility = 'public' and s.hidden_reason is null))
    order by a.due_on nulls last, a.created_at, a.id
    limit 200
$$;
