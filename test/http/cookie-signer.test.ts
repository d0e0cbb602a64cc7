import assert from 'node:assert/strict';
import Keygrip from 'keygrip';
import { CookieSigner } from '../../src-app/http/cookie-signer.js';

describe('CookieSigner', () => {
  const keys = ['current-key-with-enough-length', 'previous-key-still-accepted'];
  const values = [
    '',
    'eyJ1c2VySWQiOjF9',
    'notifications.sid=eyJ1c2VySWQiOjQyLCJfZXhwaXJlIjoxfQ==',
    'ü🚀',
  ];

  it('signs exactly as Keygrip does, so existing sessions stay valid', () => {
    const signer = new CookieSigner(keys);
    const keygrip = new Keygrip(keys);

    for (const value of values) {
      assert.equal(signer.sign(value), keygrip.sign(value));
      assert.equal(keygrip.index(value, signer.sign(value)), 0);
    }
  });

  it('tells which key signed a value, accepting older keys', () => {
    const signer = new CookieSigner(keys);
    const signedBefore = new CookieSigner([keys[1]!]).sign('value');

    assert.equal(signer.index('value', signer.sign('value')), 0);
    assert.equal(signer.index('value', signedBefore), 1);
    assert.equal(signer.verify('value', signedBefore), true);
  });

  it('refuses a signature of other data, another key, or the wrong length', () => {
    const signer = new CookieSigner(keys);
    const signature = signer.sign('value');

    assert.equal(signer.index('other', signature), -1);
    assert.equal(signer.index('value', new CookieSigner(['stranger']).sign('value')), -1);
    assert.equal(signer.index('value', signature.slice(1)), -1);
    assert.equal(signer.index('value', `${signature}=`), -1);
    assert.equal(signer.index('value', ''), -1);
    assert.equal(signer.verify('value', `${signature.slice(0, -1)}A`), signature.endsWith('A'));
  });

  it('needs at least one key', () => {
    assert.throws(() => new CookieSigner([]), RangeError);
  });
});
