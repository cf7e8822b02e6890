import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CompactEncrypt, compactDecrypt } from 'jose';
import { registerSecret } from '../security/redact.ts';

/**
 * The server secret (encrypts private signing keys and stored refresh answers at rest) and the
 * cookie passwords (seal sessions). Configured through PENNANT_SECRET / PENNANT_COOKIE_PASSWORD,
 * or generated once into the data folder and reused on every later start.
 */
export interface ServerSecrets {
  secret: string;
  /** The first password seals; every one unseals (rotation). Ids are iron password ids. */
  cookiePasswords: { id: string; secret: string }[];
}

export const secretFileName = 'server-secret';
export const cookiePasswordFileName = 'cookie-password';

let current: ServerSecrets | undefined;

export function setServerSecrets(secrets: ServerSecrets | undefined): void {
  current = secrets;
  derivedKeys.clear();
}

export function serverSecrets(): ServerSecrets {
  if (!current) throw new Error('The server secrets are not loaded yet.');
  return current;
}

/**
 * Reads a generated secret from `dataDir/name`, or creates it (0600, exclusive create so two
 * processes starting at once keep the first one written).
 */
async function generatedSecret(dataDir: string, name: string): Promise<string> {
  const file = path.join(dataDir, name);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const value = randomBytes(32).toString('base64url');
  try {
    await writeFile(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
    return value;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readFile(file, 'utf8')).trim();
  }
}

/** Configured values win; missing ones are generated into (or read back from) the data folder. */
export async function loadServerSecrets(options: {
  dataDir: string;
  secret: string | undefined;
  cookiePasswords: { id: string; secret: string }[] | undefined;
}): Promise<ServerSecrets> {
  const secret = options.secret ?? (await generatedSecret(options.dataDir, secretFileName));
  const cookiePasswords = options.cookiePasswords ?? [
    { id: '', secret: await generatedSecret(options.dataDir, cookiePasswordFileName) },
  ];
  // Generated values are as secret as configured ones: never in a log line or an error.
  registerSecret(secret);
  for (const password of cookiePasswords) registerSecret(password.secret);
  return { secret, cookiePasswords };
}

const derivedKeys = new Map<string, Uint8Array>();

/** A 256-bit key per purpose, derived from the server secret with HKDF-SHA256. */
function keyFor(purpose: string): Uint8Array {
  let key = derivedKeys.get(purpose);
  if (!key) {
    key = new Uint8Array(
      hkdfSync('sha256', serverSecrets().secret, 'pennant-server-secret-v1', `pennant:${purpose}`, 32),
    );
    derivedKeys.set(purpose, key);
  }
  return key;
}

/** HMAC-SHA256 with the server secret (the purpose bound as key), base64url. */
export function macWithServerSecret(data: string, purpose: string): string {
  return createHmac('sha256', keyFor(purpose)).update(data).digest('base64url');
}

/** Encrypts with the server secret: a compact JWE (`dir`, A256GCM), the purpose bound as key. */
export function encryptWithServerSecret(plaintext: string, purpose: string): Promise<string> {
  return new CompactEncrypt(new TextEncoder().encode(plaintext))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .encrypt(keyFor(purpose));
}

export async function decryptWithServerSecret(jwe: string, purpose: string): Promise<string> {
  const { plaintext } = await compactDecrypt(jwe, keyFor(purpose), {
    keyManagementAlgorithms: ['dir'],
    contentEncryptionAlgorithms: ['A256GCM'],
  });
  return new TextDecoder().decode(plaintext);
}

const gcmNonceBytes = 12;
const gcmTagBytes = 16;

/**
 * Seals with the server secret, synchronously: AES-256-GCM (node:crypto), a random 96-bit
 * nonce per message, `context` bound as additional data; base64url of nonce, ciphertext and
 * tag. For messages that must leave within the current synchronous step (the change notice
 * goes out before this instance's own delivery, which does not yield); elsewhere prefer
 * `encryptWithServerSecret`.
 */
export function sealWithServerSecretSync(plaintext: string, purpose: string, context: string): string {
  const nonce = randomBytes(gcmNonceBytes);
  const cipher = createCipheriv('aes-256-gcm', keyFor(purpose), nonce, { authTagLength: gcmTagBytes });
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
}

/** Opens `sealWithServerSecretSync`'s output; null when it was not sealed with this secret and context. */
export function openWithServerSecretSync(sealed: string, purpose: string, context: string): string | null {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length < gcmNonceBytes + gcmTagBytes) return null;
  const decipher = createDecipheriv('aes-256-gcm', keyFor(purpose), bytes.subarray(0, gcmNonceBytes), {
    authTagLength: gcmTagBytes,
  });
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(bytes.subarray(bytes.length - gcmTagBytes));
  try {
    const body = bytes.subarray(gcmNonceBytes, bytes.length - gcmTagBytes);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
