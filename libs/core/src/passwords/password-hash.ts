import { hash, verify } from '@node-rs/argon2';

/**
 * The argon2id parameters of every new password hash: those of the `argon2` package this project used
 * before `@node-rs/argon2` (64 MiB, 3 passes, 4 lanes, 32-byte hash, 16-byte salt), so new hashes cost
 * what the old ones did. A hash carries its own parameters (PHC string), so {@link verifyPassword}
 * checks hashes made with other parameters too.
 */
export const PASSWORD_HASH_OPTIONS = {
  /** Argon2id (`Algorithm.Argon2id` of @node-rs/argon2, a const enum that isolated modules cannot read). */
  algorithm: 2,
  memoryCost: 65_536,
  timeCost: 3,
  parallelism: 4,
  outputLen: 32,
} as const;

/** An argon2id PHC string (`$argon2id$v=19$m=65536,t=3,p=4$…`) of the password, with a fresh random salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_OPTIONS);
}

/** Whether the password matches the PHC hash; false (never an error) for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
