-- The open API (/api/…) answers each client address at most this many requests a minute, so
-- one eager script cannot crowd out everyone else. Counted in each process's memory (a row per
-- request would cost more than the answer); the value lives here with the other limits, so an
-- operator changes it with `medspil admin limits set api_requests_per_address_per_minute N`.

insert into abuse_limits (name, value) values
    ('api_requests_per_address_per_minute', 300)
on conflict (name) do nothing;
