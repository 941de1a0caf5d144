/** Versioned SQLite migrations; applied ids are recorded in `<prefix>migrations`. Never edit a shipped one: add a new id. */
export interface Migration {
  id: string;
  up: (p: string) => string;
}

export const migrations: Migration[] = [
  {
    id: '001_initial',
    up: (p) => `
CREATE TABLE ${p}ack_log (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  user_id TEXT NOT NULL,
  user_ref TEXT NOT NULL,
  created_at TEXT NOT NULL,
  policy_version TEXT NOT NULL,
  notice_hash TEXT NOT NULL,
  notice_version TEXT NOT NULL,
  locale TEXT NOT NULL,
  method TEXT NOT NULL,
  reason TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  fields TEXT NOT NULL,
  findings TEXT NOT NULL,
  action TEXT NOT NULL,
  personal_ref TEXT NOT NULL,
  personal_enc TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX ${p}ack_log_user ON ${p}ack_log (user_id, created_at);
CREATE INDEX ${p}ack_log_created ON ${p}ack_log (created_at);
CREATE TABLE ${p}used_tokens (
  token_id TEXT PRIMARY KEY,
  used_at TEXT NOT NULL,
  expires_at TEXT
);
CREATE TABLE ${p}notices (
  hash TEXT PRIMARY KEY,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE ${p}user_keys (
  lookup TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE ${p}checkpoints (
  rowid_ INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  seq INTEGER NOT NULL,
  count INTEGER NOT NULL,
  head_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  signature TEXT NOT NULL,
  public_key TEXT NOT NULL
);
CREATE TABLE ${p}reviews (
  id TEXT PRIMARY KEY,
  post_ref TEXT NOT NULL UNIQUE,
  author_id TEXT NOT NULL,
  status TEXT NOT NULL,
  version INTEGER NOT NULL,
  format TEXT NOT NULL,
  fields_enc TEXT NOT NULL,
  findings TEXT NOT NULL,
  held_enc TEXT NOT NULL,
  acknowledgement_id TEXT,
  claimed_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  resolved_at TEXT,
  resolved_by TEXT,
  resolution_enc TEXT
);
CREATE INDEX ${p}reviews_status ON ${p}reviews (status, created_at);
CREATE INDEX ${p}reviews_author ON ${p}reviews (author_id);
CREATE TABLE ${p}review_audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  item_id TEXT NOT NULL,
  moderator_id TEXT NOT NULL,
  action TEXT NOT NULL,
  reason_enc TEXT,
  details_enc TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX ${p}review_audit_item ON ${p}review_audit (item_id, seq);
CREATE TRIGGER ${p}review_audit_no_update BEFORE UPDATE ON ${p}review_audit
  BEGIN SELECT RAISE(ABORT, 'the review audit trail is append-only'); END;
CREATE TABLE ${p}preferences (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  type TEXT NOT NULL,
  masked TEXT NOT NULL,
  value_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (user_id, value_hash)
);
CREATE TABLE ${p}warnings (
  user_lookup TEXT PRIMARY KEY,
  expires_at TEXT NOT NULL
);
CREATE TABLE ${p}stats_daily (
  day TEXT NOT NULL,
  event TEXT NOT NULL,
  reason TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (day, event, reason)
);
`,
  },
  {
    // The keyed chain (chain version 2, key ids) and version 2 checkpoints; older rows keep version 1.
    id: '002_keyed_chain',
    up: (p) => `
ALTER TABLE ${p}ack_log ADD COLUMN chain_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE ${p}ack_log ADD COLUMN key_id TEXT;
ALTER TABLE ${p}checkpoints ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE ${p}checkpoints ADD COLUMN key_id TEXT;
`,
  },
];
