/**
 * Numbered schema migrations. Each runs once, in order, inside a transaction; the applied number
 * is kept in `PRAGMA user_version`. Never edit a migration that has shipped: add the next one.
 *
 * Layout (all times integer microseconds since the epoch, durations integer microseconds):
 * - files: one row per imported file content (hash = sha256 of the bytes); re-import is a lookup.
 * - traces: one row per trace, with the totals the library lists and filters on.
 * - spans: the structural columns of every span, in step order (trace_id, idx).
 * - span_payloads: input/output/error/attributes/events as JSON, loaded lazily per span.
 * - span_fts: full-text index over span name, input and output (search within a trace).
 * - trace_span_tables (2): each trace's SpanTable as the JSON the timeline is sent, written at
 *   import (or on first open for older libraries) so opening a trace reads one row.
 * - live_pending (3): the OTLP receiver's journal of live traces not yet committed (see
 *   live/live-store.ts), so a start after a crash can say what was lost.
 * - rerun_runs, prompt_versions, eval_scores (4): what-if re-runs of a trace (one row per run,
 *   its overrides and totals; the new trace is written whole when the run ends), the local prompt
 *   library (named, numbered versions), and evaluator scores per trace (and per span).
 * - evaluators (5): the evaluators enabled for the library (kind, name, settings as JSON).
 */
export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'library',
    sql: `
CREATE TABLE files (
  id          INTEGER PRIMARY KEY,
  hash        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  path        TEXT,
  size        INTEGER NOT NULL,
  format      TEXT NOT NULL,
  detected_by TEXT,
  imported_at INTEGER NOT NULL,
  report      TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE traces (
  id              TEXT PRIMARY KEY,
  file_id         INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  source_trace_id TEXT NOT NULL,
  name            TEXT NOT NULL,
  format          TEXT NOT NULL,
  file_name       TEXT NOT NULL,
  session_id      TEXT,
  user_id         TEXT,
  tags            TEXT NOT NULL DEFAULT '[]',
  environment     TEXT,
  project         TEXT,
  start           INTEGER NOT NULL,
  duration        INTEGER NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('ok','warning','error')),
  span_count      INTEGER NOT NULL,
  error_count     INTEGER NOT NULL,
  retry_count     INTEGER NOT NULL,
  input_tokens    INTEGER NOT NULL DEFAULT 0,
  output_tokens   INTEGER NOT NULL DEFAULT 0,
  cost            REAL NOT NULL DEFAULT 0,
  cost_estimated  INTEGER NOT NULL DEFAULT 0,
  models          TEXT NOT NULL DEFAULT '[]',
  attributes      TEXT NOT NULL DEFAULT '{}',
  report          TEXT NOT NULL DEFAULT '{}',
  imported_at     INTEGER NOT NULL
);
CREATE INDEX traces_session ON traces(session_id);
CREATE INDEX traces_start ON traces(start);
CREATE INDEX traces_file ON traces(file_id);

CREATE TABLE spans (
  trace_id       TEXT NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
  idx            INTEGER NOT NULL,
  span_id        TEXT NOT NULL,
  parent_id      TEXT,
  parent_idx     INTEGER NOT NULL,
  depth          INTEGER NOT NULL,
  name           TEXT NOT NULL,
  kind           TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('ok','error','retry')),
  start          INTEGER NOT NULL,
  duration       INTEGER NOT NULL,
  service        TEXT,
  model          TEXT,
  provider       TEXT,
  input_tokens   INTEGER,
  output_tokens  INTEGER,
  cost           REAL,
  cost_estimated INTEGER NOT NULL DEFAULT 0,
  flags          TEXT,
  input_hash     TEXT,
  output_hash    TEXT,
  PRIMARY KEY (trace_id, idx)
) WITHOUT ROWID;

CREATE TABLE span_payloads (
  rowid      INTEGER PRIMARY KEY,
  trace_id   TEXT NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
  idx        INTEGER NOT NULL,
  input      TEXT,
  output     TEXT,
  error      TEXT,
  attributes TEXT NOT NULL DEFAULT '{}',
  events     TEXT NOT NULL DEFAULT '[]',
  UNIQUE (trace_id, idx)
);

CREATE VIRTUAL TABLE span_fts USING fts5(
  name, input, output,
  content='', contentless_delete=1, tokenize='unicode61'
);
`,
  },
  {
    version: 2,
    name: 'span tables',
    // A plain rowid table: multi-megabyte values belong out of a WITHOUT ROWID b-tree.
    // `encoding` is store/span-table.ts's SPAN_TABLE_ENCODING when written; rows of another
    // encoding are rebuilt from `spans` on read.
    sql: `
CREATE TABLE trace_span_tables (
  trace_id TEXT PRIMARY KEY REFERENCES traces(id) ON DELETE CASCADE,
  encoding INTEGER NOT NULL,
  json     TEXT NOT NULL
);
`,
  },
  {
    version: 3,
    name: 'live journal',
    sql: `
CREATE TABLE live_pending (
  source_trace_id TEXT PRIMARY KEY,
  spans           INTEGER NOT NULL,
  first_seen      INTEGER NOT NULL,
  last_seen       INTEGER NOT NULL
);
-- "The previous run of this trace": the latest earlier trace with the same name.
CREATE INDEX traces_name_start ON traces(name, start);
`,
  },
  {
    version: 4,
    name: 'reruns',
    sql: `
CREATE TABLE rerun_runs (
  id              TEXT PRIMARY KEY,
  trace_id        TEXT NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
  replay_trace_id TEXT,
  status          TEXT NOT NULL CHECK (status IN ('pending','running','completed','failed','cancelled')),
  provider_id     TEXT NOT NULL,
  provider_name   TEXT NOT NULL,
  models          TEXT NOT NULL DEFAULT '[]',
  overrides       TEXT NOT NULL DEFAULT '{}',
  done            INTEGER NOT NULL DEFAULT 0,
  total           INTEGER NOT NULL DEFAULT 0,
  failed_calls    INTEGER NOT NULL DEFAULT 0,
  input_tokens    INTEGER NOT NULL DEFAULT 0,
  output_tokens   INTEGER NOT NULL DEFAULT 0,
  cost            REAL,
  duration_ms     REAL NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  started_at      INTEGER,
  ended_at        INTEGER,
  error           TEXT
);
CREATE INDEX rerun_runs_trace ON rerun_runs(trace_id, created_at);

CREATE TABLE prompt_versions (
  name       TEXT NOT NULL,
  version    INTEGER NOT NULL,
  text       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (name, version)
);

CREATE TABLE eval_scores (
  id         INTEGER PRIMARY KEY,
  trace_id   TEXT NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
  evaluator  TEXT NOT NULL,
  span_idx   INTEGER,
  score      REAL,
  passed     INTEGER,
  label      TEXT,
  reasoning  TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX eval_scores_trace ON eval_scores(trace_id, evaluator);
`,
  },
  {
    version: 5,
    name: 'evaluators',
    sql: `
CREATE TABLE evaluators (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL,
  enabled    INTEGER NOT NULL DEFAULT 1,
  config     TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL
);
`,
  },
]
