import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../src/normalise/phone.js';

describe('normalisePhone', () => {
  it.each([
    ['+1 (512) 555-0143', 'US', '+15125550143', { leadingPlus: true, countryCodeTyped: true, separators: ' ()-' }],
    ['(512) 555-0143', 'US', '+15125550143', { leadingPlus: false, countryCodeTyped: false, separators: '() -' }],
    ['1-512-555-0143', 'US', '+15125550143', { leadingPlus: false, countryCodeTyped: true, separators: '-' }],
    ['512.555.0143', 'US', '+15125550143', { leadingPlus: false, countryCodeTyped: false, separators: '.' }],
    ['020 7946 0958', 'GB', '+442079460958', { leadingPlus: false, countryCodeTyped: false, separators: ' ' }],
    ['0044 20 7946 0958', 'US', '+442079460958', { leadingPlus: false, countryCodeTyped: true }],
    ['+82 10-2345-6789', 'US', '+821023456789', { leadingPlus: true, countryCodeTyped: true }],
  ])('reads %s (default %s) as %s and describes the typing', (raw, country, e164, typing) => {
    const phone = normalisePhone(raw, country);
    expect(phone.e164).toBe(e164);
    expect(phone.valid).toBe(true);
    expect(phone.typing).toMatchObject(typing);
  });

  it('knows the country the digits imply and the number type', () => {
    expect(normalisePhone('+44 20 7946 0958').country).toBe('GB');
    expect(normalisePhone('(800) 555-0100').type).toBe('TOLL_FREE');
    expect(normalisePhone('900-555-0155').type).toBe('PREMIUM_RATE');
    expect(normalisePhone('500-555-0100').type).toBe('PERSONAL_NUMBER');
  });

  it('marks numbers that cannot exist', () => {
    const badExchange = normalisePhone('(512) 123-4567');
    expect(badExchange.valid).toBe(false);
    expect(badExchange.possible).toBe(true);
    const tooShort = normalisePhone('+1 512 555 01');
    expect(tooShort.valid).toBe(false);
    expect(tooShort.possible).toBe(false);
  });

  it('never throws on any string', () => {
    fc.assert(fc.property(fc.string(), fc.constantFrom('US', 'GB', 'KR', 'xx', ''), (s, c) => {
      normalisePhone(s, c);
    }), { numRuns: 2000 });
  });

  it('is idempotent: the E.164 form normalises to itself', () => {
    const digits = fc.stringMatching(/^\+?[0-9 ()\-.]{4,20}$/);
    fc.assert(fc.property(digits, (s) => {
      const once = normalisePhone(s);
      if (once.e164) expect(normalisePhone(once.e164).e164).toBe(once.e164);
    }), { numRuns: 2000 });
  });
});
