-- A municipality's email domain vouches for a person only when it is proven to be the
-- municipality's: never a public mail service anyone can get an address at, and never a domain
-- claimed by two municipalities at once.

-- Public mail services (and their subdomains) can never be a municipality's domain. This is
-- the one list: the app refuses what is in this table.
CREATE TABLE free_mail_domains (
    domain text PRIMARY KEY CHECK (domain = lower(domain))
);
INSERT INTO free_mail_domains (domain) VALUES
    ('gmail.com'), ('googlemail.com'),
    ('hotmail.com'), ('hotmail.dk'), ('outlook.com'), ('outlook.dk'),
    ('live.com'), ('live.dk'), ('msn.com'),
    ('yahoo.com'), ('yahoo.dk'), ('ymail.com'),
    ('icloud.com'), ('me.com'), ('mac.com'),
    ('aol.com'),
    ('protonmail.com'), ('protonmail.ch'), ('proton.me'), ('pm.me'),
    ('gmx.com'), ('gmx.net'), ('gmx.de'),
    ('mail.com'), ('mail.dk'), ('jubii.dk'), ('webspeed.dk'), ('stofanet.dk'), ('ofir.dk'),
    ('privat.dk'), ('youmail.dk'), ('tdcadsl.dk'), ('post.tele.dk'), ('get2net.dk'),
    ('mail.tele.dk'), ('city.dk'), ('email.dk'), ('sol.dk'), ('forum.dk'), ('worldonline.dk'),
    ('yousee.dk'), ('fibermail.dk'), ('c.dk'), ('mobilixnet.dk'),
    ('zoho.com'), ('tutanota.com'), ('tuta.io'), ('fastmail.com'), ('hey.com'),
    ('web.de'), ('t-online.de');

-- Before the rule holds, what broke it goes: free-mail domains, and every registration of a
-- domain that more than one municipality claimed (neither claim is proven; the operator adds
-- it again to the right one). What such a domain granted is revoked as when an admin removes
-- a domain (`roles::domains`), and each person is told by a job that mails them through the
-- same code. The migration's own moment is the time of the revocation: no app clock runs here.
WITH unproven AS (
    DELETE FROM municipality_domains d
    WHERE EXISTS (SELECT 1 FROM free_mail_domains f
                  WHERE d.domain = f.domain OR d.domain LIKE '%.' || f.domain)
       OR (SELECT count(*) FROM municipality_domains o WHERE o.domain = d.domain) > 1
    RETURNING d.municipality_code, d.domain
),
revoked AS (
    UPDATE roles r
    SET status = 'revoked', decided_at = now(), decided_by = NULL, reason = 'email-domain'
    FROM users u, unproven x
    WHERE u.id = r.user_id AND r.municipality_code = x.municipality_code
      AND r.granted_by_domain AND r.status = 'approved'
      AND lower(substring(u.email FROM '@([^@]*)$')) = x.domain
    RETURNING r.id
)
INSERT INTO jobs (kind, payload, unique_key, run_at, created_at)
SELECT 'roles.domain-lost', jsonb_build_object('role', id), 'domain-lost:' || id, now(), now()
FROM revoked;

-- A domain belongs to one municipality at most.
CREATE UNIQUE INDEX municipality_domains_one_municipality ON municipality_domains (domain);
