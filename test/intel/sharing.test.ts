/**
 * Private sharing: HMAC-SHA256 under the consortium key over the match
 * class and the canonical value (the values below are also what
 * `printf 'hirewatch-hmac-sha256-v1\0phone\0+15125550199' | openssl dgst
 * -sha256 -mac HMAC -macopt hexkey:KEY` prints).
 */
import { describe, expect, it } from 'vitest';
import { caseTag, keyedHash, keyId, shareIndicator, SharingKeyError } from '../../src/intel/sharing.js';
import type { Indicator } from '../../src/intel/indicators.js';

const KEY = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
const OTHER = Buffer.from('ff112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
const phone: Indicator = {
  kind: 'phone', value: '+15125550199', firstSeen: '2025-11-03', lastSeen: '2025-11-20', count: 2,
  decisions: [{ caseId: 'c_ce07757b747aa409', outcome: 'confirmed_fraud', decidedAt: '2026-12-02T10:00:00.000Z', ring: true }],
};

describe('keyed hashes', () => {
  it('a phone hashes to the same value as an applicant phone or a reference phone, and to another under another key', () => {
    expect(keyedHash(KEY, 'phone', '+15125550199')).toBe('9dc0b7c89e9c1307a18a130a5d385d5905dcae4e435f538449a2ff2b25e87563');
    expect(keyedHash(KEY, 'referencePhone', '+15125550199')).toBe('9dc0b7c89e9c1307a18a130a5d385d5905dcae4e435f538449a2ff2b25e87563');
    expect(keyedHash(OTHER, 'phone', '+15125550199')).toBe('38b084e88768c0ebb4edb290db2cd762ca5b1547c8b1f9be8d9f1beedbf3025f');
    expect(keyedHash(KEY, 'device', 'fp_ring')).toBe('aa05819e62355360b200ebbde6e348682c8d35da5f6f9c56ecc4225b8db47388');
  });

  it('names the key by a public id that changes with the key', () => {
    expect(keyId(KEY)).toBe('07d6599ad5a19fc5');
    expect(keyId(OTHER)).toBe('864fd507f6e220b9');
  });

  it('refuses a key shorter than 32 bytes', () => {
    expect(() => keyedHash(Buffer.from('short key'), 'phone', '+15125550199')).toThrow(SharingKeyError);
    expect(() => keyedHash(Buffer.from('short key'), 'phone', '+15125550199')).toThrow('the consortium key is 9 bytes; at least 32 are needed');
  });
});

describe('shareIndicator', () => {
  it('private: the hash and a keyed case tag, never the value or the case id', () => {
    const shared = shareIndicator(phone, { mode: 'private', key: KEY });
    expect(shared).toEqual({
      kind: 'phone', matchClass: 'phone', hash: '9dc0b7c89e9c1307a18a130a5d385d5905dcae4e435f538449a2ff2b25e87563',
      firstSeen: '2025-11-03', lastSeen: '2025-11-20', count: 2,
      decisions: [{ caseRef: 'b385fb13a509a33d8d895453', outcome: 'confirmed_fraud', decidedAt: '2026-12-02T10:00:00.000Z', ring: true }],
    });
    expect(caseTag(KEY, 'c_ce07757b747aa409')).toBe('b385fb13a509a33d8d895453');
    expect(JSON.stringify(shared)).not.toContain('5550199');
  });

  it('clear: the canonical value and the case id, for law enforcement', () => {
    expect(shareIndicator(phone, { mode: 'clear' })).toEqual({
      kind: 'phone', matchClass: 'phone', value: '+15125550199', firstSeen: '2025-11-03', lastSeen: '2025-11-20', count: 2,
      decisions: [{ caseRef: 'c_ce07757b747aa409', outcome: 'confirmed_fraud', decidedAt: '2026-12-02T10:00:00.000Z', ring: true }],
    });
  });
});
