-- The one job table: every piece of background and scheduled work (sending mail, reminders,
-- state changes such as "held after its end") is a row here, claimed by any app process's
-- worker with FOR UPDATE SKIP LOCKED.
--
-- Times come from the application's clock (never now()), so tests can move time.
-- unique_key makes enqueueing idempotent: the same reminder is enqueued once however many
-- processes try. Finished rows are kept (they remember the key and record what ran).

CREATE TABLE jobs (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text NOT NULL,
    payload      jsonb NOT NULL DEFAULT '{}',
    unique_key   text UNIQUE,
    run_at       timestamptz NOT NULL,
    attempts     integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL DEFAULT 8 CHECK (max_attempts > 0),
    -- a claim is a lease: a worker that dies mid-job loses it when locked_until passes
    locked_until timestamptz,
    last_error   text,
    created_at   timestamptz NOT NULL,
    done_at      timestamptz,
    failed_at    timestamptz
);

-- The worker's claim query and the queue-depth metric read only pending jobs.
CREATE INDEX jobs_pending ON jobs (run_at) WHERE done_at IS NULL AND failed_at IS NULL;
