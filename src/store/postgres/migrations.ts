/**
 * Versioned PostgreSQL migrations: the same ids and the same logical schema as the SQLite ones
 * (src/store/sqlite/migrations.ts), in PostgreSQL types (TIMESTAMPTZ, BIGINT, JSONB for the
 * queue's findings). Applied ids are recorded in `<prefix>migrations`. Never edit a shipped one:
 * add a new id to both backends.
 *
 * The log's `fields`/`findings` stay TEXT: they are the exact JSON the record's hash was computed
 * over, kept byte for byte.
 */
import type { Tables } from '../tables';

export interface PgMigration {
  id: string;
  /** `q`: quoted, schema-qualified table names; `bare`: unquoted names (for index names); `fn`: a qualified function name. */
  up: (names: { q: Tables; bare: Tables; fn: (name: string) => string }) => string;
}

export const pgMigrations: PgMigration[] = [
  {
    id: '001_initial',
    up: ({ q, bare, fn }) => `
CREATE TABLE ${q.log} (
  seq BIGINT PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  user_id TEXT NOT NULL,
  user_ref TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
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
CREATE INDEX "${bare.log}_user" ON ${q.log} (user_id, created_at);
CREATE INDEX "${bare.log}_created" ON ${q.log} (created_at);
CREATE TABLE ${q.usedTokens} (
  token_id TEXT PRIMARY KEY,
  used_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ
);
CREATE TABLE ${q.notices} (
  hash TEXT PRIMARY KEY,
  text TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE ${q.userKeys} (
  lookup TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE ${q.checkpoints} (
  rowid_ BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL,
  seq BIGINT NOT NULL,
  count BIGINT NOT NULL,
  head_hash TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  signature TEXT NOT NULL,
  public_key TEXT NOT NULL
);
CREATE TABLE ${q.reviews} (
  id TEXT PRIMARY KEY,
  post_ref TEXT NOT NULL UNIQUE,
  author_id TEXT NOT NULL,
  status TEXT NOT NULL,
  version INTEGER NOT NULL,
  format TEXT NOT NULL,
  fields_enc TEXT NOT NULL,
  findings JSONB NOT NULL,
  held_enc TEXT NOT NULL,
  acknowledgement_id TEXT,
  claimed_by TEXT,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  resolved_at TIMESTAMPTZ,
  resolved_by TEXT,
  resolution_enc TEXT
);
CREATE INDEX "${bare.reviews}_status" ON ${q.reviews} (status, created_at);
CREATE INDEX "${bare.reviews}_author" ON ${q.reviews} (author_id);
CREATE TABLE ${q.audit} (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  item_id TEXT NOT NULL,
  moderator_id TEXT NOT NULL,
  action TEXT NOT NULL,
  reason_enc TEXT,
  details_enc TEXT,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX "${bare.audit}_item" ON ${q.audit} (item_id, seq);
CREATE FUNCTION ${fn(`${bare.audit}_append_only`)}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'the review audit trail is append-only';
END
$fn$;
CREATE TRIGGER "${bare.audit}_no_update" BEFORE UPDATE ON ${q.audit}
  FOR EACH ROW EXECUTE FUNCTION ${fn(`${bare.audit}_append_only`)}();
CREATE TABLE ${q.preferences} (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  type TEXT NOT NULL,
  masked TEXT NOT NULL,
  value_hash TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  UNIQUE (user_id, value_hash)
);
CREATE TABLE ${q.warnings} (
  user_lookup TEXT PRIMARY KEY,
  expires_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE ${q.stats} (
  day DATE NOT NULL,
  event TEXT NOT NULL,
  reason TEXT NOT NULL,
  count BIGINT NOT NULL,
  PRIMARY KEY (day, event, reason)
);
`,
  },
  {
    // The keyed chain (chain version 2, key ids) and version 2 checkpoints; older rows keep version 1.
    id: '002_keyed_chain',
    up: ({ q }) => `
ALTER TABLE ${q.log} ADD COLUMN chain_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE ${q.log} ADD COLUMN key_id TEXT;
ALTER TABLE ${q.checkpoints} ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE ${q.checkpoints} ADD COLUMN key_id TEXT;
`,
  },
];
