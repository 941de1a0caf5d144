/**
 * Key material shared by every store backend. All keys are derived from the one `secret` with
 * HKDF-SHA256 (distinct `info` labels), so a store opened with the same secret by the SQLite or
 * the PostgreSQL backend computes the same hashes and can read the same encrypted blobs.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  randomBytes,
  sign as edSign,
  verify as edVerify,
  type KeyObject,
} from 'node:crypto';
import { PreflightError } from '../errors';

/** The keys derived from one secret. */
export interface KeySet {
  /** Key id: the first 16 hex digits of SHA-256 over the Ed25519 public key (DER). */
  kid: string;
  /** Key of `store.hmac()` (value and content hashes) and of user-id lookups. */
  hmacKey: Buffer;
  /** Key of the keyed hash chain (chain version 2). */
  chainKey: Buffer;
  /** Ed25519 keys for signed checkpoints. */
  signingKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
}

/** An AES-256-GCM key and its id (written into every blob it seals). */
export interface EncryptionKey {
  kid: string;
  key: Buffer;
}

/**
 * The store's keyring: the current secret's keys (the top-level members, used for every new
 * write) and, for reading and verifying only, the keys of previous secrets.
 */
export interface StoreKeys extends KeySet {
  /** AES-256-GCM key for data at rest (current). */
  encryptionKey: Buffer;
  encryptionKid: string;
  /** Every key set, the current one first. */
  ring: KeySet[];
  /** Every encryption key, the current one first. */
  encryptionRing: EncryptionKey[];
}

const SALT = 'pii-preflight/store/v1';
// The PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows it.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function derive(secret: string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), SALT, info, 32));
}

// Accepts exactly 64 hexadecimal digits (a 32-byte key in hex); rejects anything shorter, longer or non-hex.
const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/** Parses a 32-byte key given as hex (64 digits) or base64/base64url. */
export function parseEncryptionKey(value: string): Buffer {
  const key = HEX_KEY.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) {
    throw new PreflightError(
      'invalid_options',
      `encryptionKey must be 32 bytes, given as 64 hex digits or base64 (got ${key.length} bytes). ` +
        "Generate one with: node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"",
    );
  }
  return key;
}

/** The id of a public key: first 16 hex digits of SHA-256 over its DER (SPKI) form. */
export function publicKeyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

function encryptionKeyOf(key: Buffer): EncryptionKey {
  return { kid: createHash('sha256').update('pii-preflight encryption key id\0').update(key).digest('hex').slice(0, 16), key };
}

/** The key set of one secret. */
export function deriveKeySet(secret: string): KeySet {
  const seed = derive(secret, 'ed25519-signing-seed');
  const signingKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(signingKey);
  return {
    kid: publicKeyId(publicKey),
    hmacKey: derive(secret, 'hmac'),
    chainKey: derive(secret, 'chain-hmac'),
    signingKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * The keyring of `secret` (current) and `previousSecrets` (read and verify only). With an
 * `encryptionKey` that key seals new data; the keys derived from the secrets still open data
 * sealed before it was set.
 */
export function deriveKeys(secret: string, encryptionKey?: string, previousSecrets: readonly string[] = []): StoreKeys {
  const current = deriveKeySet(secret);
  const ring: KeySet[] = [current];
  for (const s of previousSecrets) {
    const ks = deriveKeySet(s);
    if (!ring.some((k) => k.kid === ks.kid)) ring.push(ks);
  }
  const encCurrent = encryptionKeyOf(encryptionKey ? parseEncryptionKey(encryptionKey) : derive(secret, 'aes-256-gcm'));
  const encryptionRing: EncryptionKey[] = [encCurrent];
  for (const s of [secret, ...previousSecrets]) {
    const ek = encryptionKeyOf(derive(s, 'aes-256-gcm'));
    if (!encryptionRing.some((k) => k.kid === ek.kid)) encryptionRing.push(ek);
  }
  return { ...current, encryptionKey: encCurrent.key, encryptionKid: encCurrent.kid, ring, encryptionRing };
}

export function hmacHex(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

/** `value`'s HMAC under every key of the ring, the current key's first (to match values hashed before a rotation). */
export function hmacAll(keys: StoreKeys, value: string): string[] {
  return keys.ring.map((k) => hmacHex(k.hmacKey, value));
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** A fresh random per-user key (erasure destroys it). */
export function newUserKey(): Buffer {
  return randomBytes(32);
}

const BLOB_V1 = 'v1:';
const BLOB_V2 = 'v2:';
// A v2 blob: "v2:", a 16-hex-digit key id, ":", base64. Rejects anything else.
const BLOB_V2_SHAPE = /^v2:([0-9a-f]{16}):([A-Za-z0-9+/=]+)$/;

function seal(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function open(key: Buffer, b64: string, context: string): string | null {
  const raw = Buffer.from(b64, 'base64');
  if (raw.length < 28) return null;
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/**
 * AES-256-GCM with a random 96-bit IV under the current encryption key. `context` is bound as
 * additional authenticated data, so a blob copied to another row or column does not decrypt.
 * Output: `v2:<key id>:` + base64(iv | tag | ciphertext).
 */
export function encrypt(keys: StoreKeys, plaintext: string, context: string): string {
  return `${BLOB_V2}${keys.encryptionKid}:${seal(keys.encryptionKey, plaintext, context)}`;
}

/**
 * Opens a blob: a `v2:` blob with the key its id names (current or previous), a `v1:` blob
 * (written before key ids) with each key of the ring in turn.
 */
export function decrypt(keys: StoreKeys, blob: string, context: string): string {
  let out: string | null = null;
  const v2 = BLOB_V2_SHAPE.exec(blob);
  if (v2) {
    const key = keys.encryptionRing.find((k) => k.kid === v2[1]);
    if (!key) {
      throw new PreflightError(
        'store_unavailable',
        `Encrypted data could not be decrypted: it was sealed with key id ${v2[1] ?? ''}, which is not in the keyring: pass the secret it was written with in \`previousSecrets\` (or the old \`encryptionKey\`).`,
      );
    }
    out = open(key.key, v2[2] ?? '', context);
  } else if (blob.startsWith(BLOB_V1)) {
    const b64 = blob.slice(BLOB_V1.length);
    for (const k of keys.encryptionRing) {
      out = open(k.key, b64, context);
      if (out !== null) break;
    }
  } else {
    throw new PreflightError('store_unavailable', 'Unknown encrypted blob format.');
  }
  if (out === null) {
    throw new PreflightError(
      'store_unavailable',
      'Encrypted data could not be decrypted: wrong secret/encryptionKey (add the old one to `previousSecrets`), or the data was altered.',
    );
  }
  return out;
}

/** What a checkpoint signature covers. Version 2 binds the kind and the key id too. */
export interface CheckpointFields {
  seq: number;
  count: number;
  headHash: string;
  createdAt: string;
  /** 2 for checkpoints written by this version; absent or 1 for older ones. */
  version?: number;
  kind?: 'anchor' | 'manual';
  keyId?: string;
}

/** The exact bytes a checkpoint signature covers. */
export function checkpointMessage(cp: CheckpointFields): string {
  if (cp.version === 2) return `pii-preflight checkpoint v2:${cp.kind ?? ''}:${cp.keyId ?? ''}:${cp.seq}:${cp.count}:${cp.headHash}:${cp.createdAt}`;
  return `${cp.seq}:${cp.count}:${cp.headHash}:${cp.createdAt}`;
}

export function signCheckpoint(keys: KeySet, cp: CheckpointFields): string {
  return edSign(null, Buffer.from(checkpointMessage(cp), 'utf8'), keys.signingKey).toString('base64');
}

function verifyWith(cp: CheckpointFields & { signature: string }, publicKey: KeyObject | string): boolean {
  try {
    const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
    return edVerify(null, Buffer.from(checkpointMessage(cp), 'utf8'), key, Buffer.from(cp.signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Verifies a checkpoint's signature. Pass `trustedPublicKey` (the PEM you pinned, e.g. from
 * `pii-preflight log export-checkpoints` run when the log was known good): without it the
 * checkpoint's own `publicKey` is used, which only shows the checkpoint was not altered after
 * signing, not who signed it — a database writer can sign a checkpoint with a key of their own.
 */
export function verifyCheckpointSignature(
  cp: CheckpointFields & { signature: string; publicKey: string },
  trustedPublicKey?: string,
): boolean {
  return verifyWith(cp, trustedPublicKey ?? cp.publicKey);
}

/**
 * Verifies a checkpoint against the keys derived from the secrets (never the stored public key):
 * the key its id names, or, for a checkpoint without an id, any key of the ring.
 */
export function verifyCheckpointWithRing(keys: StoreKeys, cp: CheckpointFields & { signature: string }): boolean {
  const candidates = cp.keyId ? keys.ring.filter((k) => k.kid === cp.keyId) : keys.ring;
  return candidates.some((k) => verifyWith(cp, k.publicKey));
}
