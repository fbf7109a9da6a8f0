import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseEmail } from '../../src/normalise/email.js';

describe('normaliseEmail', () => {
  it.each([
    ['John.Doe+jobs@Gmail.com', 'johndoe@gmail.com'],
    ['johndoe@googlemail.com', 'johndoe@gmail.com'],
    ['j.doe+ref@outlook.com', 'j.doe@outlook.com'],
    ['First.Last@Example.COM', 'first.last@example.com'],
    ['a+b@example.com', 'a+b@example.com'],
    ['  <Mixed@ProtonMail.com> ', 'mixed@proton.me'],
    ['mailto:dev@example.org', 'dev@example.org'],
  ])('%s is the mailbox %s', (raw, mailbox) => {
    expect(normaliseEmail(raw).mailbox).toBe(mailbox);
  });

  it.each(['not an email', '@example.com', 'a@b', 'a@@b.com', 'x@-bad-.com', ''])('%s is not an address', (raw) => {
    expect(normaliseEmail(raw).mailbox).toBeUndefined();
  });

  it('never throws and is idempotent', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.emailAddress()), (s) => {
      const once = normaliseEmail(s);
      if (once.mailbox) expect(normaliseEmail(once.mailbox).mailbox).toBe(once.mailbox);
    }), { numRuns: 3000 });
  });
});
