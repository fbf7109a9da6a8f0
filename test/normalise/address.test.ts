import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseAddress, normaliseStreet } from '../../src/normalise/address.js';

describe('normaliseAddress', () => {
  it('gives one key to the same US address written differently', () => {
    const a = normaliseAddress({ line1: '1200 Barton Springs Road, Apartment 4', city: 'Austin', region: 'TX', postalCode: '78704-1234', country: 'US' });
    const b = normaliseAddress({ line1: '1200 BARTON SPRINGS RD #4', city: 'austin', region: 'tx', postalCode: '78704', country: 'USA' });
    const c = normaliseAddress({ line1: '1200 Barton Springs Rd', line2: 'Unit 4', postalCode: '78704' });
    expect(a.key).toBe(b.key);
    expect(a.key).toBe(c.key);
    expect(a.street).toBe('1200 barton springs rd');
    expect(a.unit).toBe('4');
    expect(a.postalCode).toBe('78704');
  });

  it('keeps different units and streets apart', () => {
    const a = normaliseAddress({ line1: '77 Elm St Apt 2', postalCode: '85004' });
    const b = normaliseAddress({ line1: '77 Elm St Apt 3', postalCode: '85004' });
    const c = normaliseAddress({ line1: '77 North Elm Street Apt 2', postalCode: '85004' });
    expect(new Set([a.key, b.key, c.key]).size).toBe(3);
    expect(c.street).toBe('77 n elm st');
  });

  it('never throws, and the street form is idempotent', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (l1, l2) => {
      const once = normaliseStreet(l1, l2);
      const again = normaliseStreet(once.street, once.unit ? `# ${once.unit}` : '');
      expect(again.street).toBe(once.street);
      expect(again.unit).toBe(once.unit);
    }), { numRuns: 3000 });
    fc.assert(fc.property(fc.record({ line1: fc.string(), city: fc.string(), postalCode: fc.string(), country: fc.string() }), (a) => {
      normaliseAddress(a);
    }));
  });
});
