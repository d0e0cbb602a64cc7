import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { keyIdOf, TokenCipher, TokenDecryptionError } from '../../src-app/crypto/token-cipher.js';

describe('TokenCipher', () => {
  const key = randomBytes(32);
  const token = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz';

  it('opens what it sealed', () => {
    const cipher = new TokenCipher(key);

    const sealed = cipher.seal(token, 'user:1');

    assert.equal(cipher.open(sealed, 'user:1'), token);
    assert.equal(sealed.keyId, keyIdOf(key));
    assert.equal(sealed.nonce.length, 12);
    assert.equal(sealed.authTag.length, 16);
  });

  it('uses a fresh nonce each time, so equal tokens seal differently', () => {
    const cipher = new TokenCipher(key);

    const first = cipher.seal(token, 'user:1');
    const second = cipher.seal(token, 'user:1');

    assert.notDeepEqual(first.nonce, second.nonce);
    assert.notDeepEqual(first.ciphertext, second.ciphertext);
  });

  it('refuses a ciphertext moved to another context', () => {
    const cipher = new TokenCipher(key);
    const sealed = cipher.seal(token, 'user:1');

    assert.throws(() => cipher.open(sealed, 'user:2'), TokenDecryptionError);
  });

  it('refuses a tampered ciphertext', () => {
    const cipher = new TokenCipher(key);
    const sealed = cipher.seal(token, 'user:1');
    const tampered = Buffer.from(sealed.ciphertext);
    tampered[0] = (tampered[0] ?? 0) ^ 1;

    assert.throws(
      () => cipher.open({ ...sealed, ciphertext: tampered }, 'user:1'),
      TokenDecryptionError,
    );
  });

  it('opens tokens sealed under a previous key and seals new ones under the current key', () => {
    const previous = new TokenCipher(key);
    const sealed = previous.seal(token, 'user:1');
    const rotated = new TokenCipher(randomBytes(32), [key]);

    assert.equal(rotated.open(sealed, 'user:1'), token);
    assert.notEqual(rotated.seal(token, 'user:1').keyId, sealed.keyId);
  });

  it('names the missing key when no configured key matches', () => {
    const sealed = new TokenCipher(key).seal(token, 'user:1');

    assert.throws(
      () => new TokenCipher(randomBytes(32)).open(sealed, 'user:1'),
      new RegExp(`No configured key has id ${sealed.keyId}`),
    );
  });
});
