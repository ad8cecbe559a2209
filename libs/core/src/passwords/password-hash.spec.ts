import { hashPassword, verifyPassword } from './password-hash.js';

/**
 * Made on 2026-12-06 by the `argon2` package (0.45.1, `argon2.hash(password, { type: argon2.argon2id })`)
 * that this project used before `@node-rs/argon2`: every password stored until then looks like this.
 */
const OLD_PACKAGE_HASH = '$argon2id$v=19$m=65536,p=4,t=3$G0mFXfcDioi4eHSwnFI2Jw$bMSHmGSV4tWuKzBlQ/ZyTZtDiHsHU1hW9c9Bpy1qpr0';
const OLD_PACKAGE_PASSWORD = '演示密码 Fixture-2026';

describe('password hashes (argon2id)', () => {
  it('verifies a hash made by the argon2 package used before, and only with its password', async () => {
    expect(await verifyPassword(OLD_PACKAGE_HASH, OLD_PACKAGE_PASSWORD)).toBe(true);
    expect(await verifyPassword(OLD_PACKAGE_HASH, '演示密码 Fixture-2027')).toBe(false);
    expect(await verifyPassword(OLD_PACKAGE_HASH, '')).toBe(false);
  });

  it('makes new hashes with the same parameters as before (argon2id, 64 MiB, 3 passes, 4 lanes, 32 bytes) and a fresh salt', async () => {
    const first = await hashPassword('Correct-Horse-电池');
    const second = await hashPassword('Correct-Horse-电池');
    for (const made of [first, second]) {
      expect(made).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=4\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
      expect(await verifyPassword(made, 'Correct-Horse-电池')).toBe(true);
      expect(await verifyPassword(made, 'correct-horse-电池')).toBe(false);
    }
    expect(first).not.toBe(second);
  });

  it('answers false, not an error, for a hash that is not a PHC string', async () => {
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
    expect(await verifyPassword('$argon2id$v=19$m=65536,t=3,p=4$short', 'anything')).toBe(false);
  });
});
