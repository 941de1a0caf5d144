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

export interface StoreKeys {
  /** Key of `store.hmac()` (value and content hashes) and of user-id lookups. */
  hmacKey: Buffer;
  /** AES-256-GCM key for data at rest. */
  encryptionKey: Buffer;
  /** Ed25519 keys for signed checkpoints. */
  signingKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
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

export function deriveKeys(secret: string, encryptionKey?: string): StoreKeys {
  const seed = derive(secret, 'ed25519-signing-seed');
  const signingKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(signingKey);
  return {
    hmacKey: derive(secret, 'hmac'),
    encryptionKey: encryptionKey ? parseEncryptionKey(encryptionKey) : derive(secret, 'aes-256-gcm'),
    signingKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function hmacHex(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** A fresh random per-user key (erasure destroys it). */
export function newUserKey(): Buffer {
  return randomBytes(32);
}

const BLOB_VERSION = 'v1:';

/**
 * AES-256-GCM with a random 96-bit IV. `context` is bound as additional authenticated data, so a
 * blob copied to another row or column does not decrypt. Output: `v1:` + base64(iv | tag | ciphertext).
 */
export function encrypt(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return BLOB_VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function decrypt(key: Buffer, blob: string, context: string): string {
  if (!blob.startsWith(BLOB_VERSION)) throw new PreflightError('store_unavailable', 'Unknown encrypted blob format.');
  const raw = Buffer.from(blob.slice(BLOB_VERSION.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new PreflightError(
      'store_unavailable',
      'Encrypted data could not be decrypted: wrong secret/encryptionKey, or the data was altered.',
    );
  }
}

/** The exact bytes a checkpoint signature covers. */
export function checkpointMessage(cp: { seq: number; count: number; headHash: string; createdAt: string }): string {
  return `${cp.seq}:${cp.count}:${cp.headHash}:${cp.createdAt}`;
}

export function signCheckpoint(keys: StoreKeys, cp: { seq: number; count: number; headHash: string; createdAt: string }): string {
  return edSign(null, Buffer.from(checkpointMessage(cp), 'utf8'), keys.signingKey).toString('base64');
}

/** Verifies a checkpoint with its own PEM public key (what an outside party does). */
export function verifyCheckpointSignature(cp: {
  seq: number;
  count: number;
  headHash: string;
  createdAt: string;
  signature: string;
  publicKey: string;
}): boolean {
  try {
    return edVerify(null, Buffer.from(checkpointMessage(cp), 'utf8'), createPublicKey(cp.publicKey), Buffer.from(cp.signature, 'base64'));
  } catch {
    return false;
  }
}
