-- Several samverka instances on one PostgreSQL (issue 15, item 7).
--
-- Report batch jobs (src/reports/batch.ts) live in the database instead of one process's memory: any
-- instance answers "how far has it come" and streams the finished zip, which is stored in chunks of
-- about 1 MiB. The instance that accepted a job renders it and touches heartbeat_at while it works; a
-- running job whose heartbeat has stopped (its instance died) is marked failed by whoever looks next.
-- Jobs and their files are deleted once expires_at has passed.
CREATE TABLE report_jobs (
  id text PRIMARY KEY,
  user_id int NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  round_id int NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  format text NOT NULL CHECK (format IN ('pdf', 'docx', 'xlsx')),
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  done int NOT NULL DEFAULT 0,
  total int NOT NULL,
  error text,
  file_name text NOT NULL,
  bytes bigint,
  instance text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  expires_at timestamptz NOT NULL
);
CREATE INDEX report_jobs_expires_at ON report_jobs (expires_at);
CREATE INDEX report_jobs_running ON report_jobs (heartbeat_at) WHERE status = 'running';

CREATE TABLE report_job_chunks (
  job_id text NOT NULL REFERENCES report_jobs(id) ON DELETE CASCADE,
  seq int NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (job_id, seq)
);

-- Scheduled work of the server (nightly backup, event-log retention) runs on one instance only: an
-- instance claims a task by moving last_run_at forward, which succeeds for one of them per interval.
CREATE TABLE scheduled_task_runs (
  task text PRIMARY KEY,
  last_run_at timestamptz NOT NULL,
  instance text NOT NULL
);
