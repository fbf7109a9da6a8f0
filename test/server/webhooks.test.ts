import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApplicationSchema } from '../../src/parse/application-schema.js';
import { screenApplication } from '../../src/score/screen.js';
import { context } from '../helpers/applications.js';
import { mapAshbyEvent } from '../../src/server/webhooks/ashby.js';
import { mapGreenhouseEvent } from '../../src/server/webhooks/greenhouse.js';
import { mapLeverOpportunity } from '../../src/server/webhooks/lever.js';
import { addressFromText, isoDate } from '../../src/server/webhooks/map-helpers.js';
import { receiveWebhook } from '../../src/server/webhooks/receive.js';
import { verifyAshbySignature, verifyGreenhouseSignature, verifyLeverSignature } from '../../src/server/webhooks/signature.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'webhooks');
const raw = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');
const SECRET = 'test-secret-0123456789abcdef';
const OTHER = 'another-secret-fedcba9876543210';
const hmac = (secret: string, message: string) => createHmac('sha256', secret).update(message).digest('hex');

/** A Lever body signed as Lever documents: HMAC of token + triggeredAt. */
function signedLever(file: string, secret = SECRET): { text: string; body: Record<string, unknown> } {
  const body = JSON.parse(raw(file)) as Record<string, unknown>;
  body.signature = hmac(secret, String(body.token) + String(body.triggeredAt));
  return { text: JSON.stringify(body), body };
}

describe('Greenhouse signature (Signature: sha256 <hex> over the raw body)', () => {
  const body = raw('greenhouse/new-candidate-application.json');
  const header = { Signature: `sha256 ${hmac(SECRET, body)}` };

  it('accepts a valid signature, as bytes or text, header name in any case', () => {
    expect(verifyGreenhouseSignature(body, header, [SECRET])).toEqual({ ok: true });
    expect(verifyGreenhouseSignature(Buffer.from(body), { signature: header.Signature }, [SECRET])).toEqual({ ok: true });
  });
  it('accepts during rotation when any configured secret matches', () => {
    expect(verifyGreenhouseSignature(body, header, [OTHER, SECRET])).toEqual({ ok: true });
  });
  it('refuses a tampered body', () => {
    expect(verifyGreenhouseSignature(body.replace('Daniel', 'Danial'), header, [SECRET])).toEqual({ ok: false, reason: 'bad_signature' });
  });
  it('refuses the wrong secret', () => {
    expect(verifyGreenhouseSignature(body, header, [OTHER])).toEqual({ ok: false, reason: 'bad_signature' });
  });
  it('refuses a missing or malformed header, and no configured secret', () => {
    expect(verifyGreenhouseSignature(body, {}, [SECRET])).toEqual({ ok: false, reason: 'missing_signature' });
    expect(verifyGreenhouseSignature(body, { Signature: hmac(SECRET, body) }, [SECRET])).toEqual({ ok: false, reason: 'malformed_signature' });
    expect(verifyGreenhouseSignature(body, { Signature: 'sha256 zz' }, [SECRET])).toEqual({ ok: false, reason: 'malformed_signature' });
    expect(verifyGreenhouseSignature(body, header, [])).toEqual({ ok: false, reason: 'no_secret' });
  });
});

describe('Ashby signature (Ashby-Signature: sha256=<hex> over the raw body)', () => {
  const body = raw('ashby/application-submit.json');
  const header = { 'ashby-signature': `sha256=${hmac(SECRET, body)}` };

  it('accepts a valid signature', () => {
    expect(verifyAshbySignature(body, header, [SECRET])).toEqual({ ok: true });
  });
  it('refuses tampered body, wrong secret, missing and malformed header', () => {
    expect(verifyAshbySignature(body.replace('Diego', 'Diago'), header, [SECRET]).ok).toBe(false);
    expect(verifyAshbySignature(body, header, [OTHER])).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyAshbySignature(body, {}, [SECRET])).toEqual({ ok: false, reason: 'missing_signature' });
    expect(verifyAshbySignature(body, { 'Ashby-Signature': `sha256 ${hmac(SECRET, body)}` }, [SECRET])).toEqual({
      ok: false,
      reason: 'malformed_signature',
    });
  });
});

describe('Lever signature (HMAC of token + triggeredAt, fields in the body)', () => {
  it('accepts a valid signature', () => {
    expect(verifyLeverSignature(signedLever('lever/application-created.json').body, [SECRET])).toEqual({ ok: true });
  });
  it('refuses a changed token or timestamp, the wrong secret, missing fields', () => {
    const { body } = signedLever('lever/application-created.json');
    expect(verifyLeverSignature({ ...body, triggeredAt: Number(body.triggeredAt) + 1 }, [SECRET]).ok).toBe(false);
    expect(verifyLeverSignature({ ...body, token: 'x' + String(body.token) }, [SECRET]).ok).toBe(false);
    expect(verifyLeverSignature(body, [OTHER])).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyLeverSignature({ token: body.token, triggeredAt: body.triggeredAt }, [SECRET])).toEqual({ ok: false, reason: 'missing_signature' });
  });
  it('refuses a replay older than the allowed age', () => {
    const { body } = signedLever('lever/application-created.json');
    const at = Number(body.triggeredAt);
    expect(verifyLeverSignature(body, [SECRET], { nowMs: at + 60_000, maxAgeMs: 300_000 })).toEqual({ ok: true });
    expect(verifyLeverSignature(body, [SECRET], { nowMs: at + 3_600_000, maxAgeMs: 300_000 })).toEqual({ ok: false, reason: 'bad_signature' });
  });
});

describe('mapping onto the Application record', () => {
  it('maps a Greenhouse new_candidate_application', () => {
    const out = mapGreenhouseEvent(JSON.parse(raw('greenhouse/new-candidate-application.json')));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.application).toEqual({
      id: 'gh-448812',
      source: 'greenhouse',
      submittedAt: '2025-11-03T14:22:05Z',
      job: { id: '77', title: 'Senior Machine Learning Engineer' },
      applicant: {
        fullName: 'Daniel Reyes',
        emails: ['daniel.reyes.dev@example.com', 'dreyes@work.example.org'],
        phones: ['+1 (512) 555-0143'],
        address: { line1: '1200 Barton Springs Rd Apt 4', city: 'Austin', region: 'TX', postalCode: '78704' },
        links: ['https://github.com/dreyes-example', 'https://www.linkedin.com/in/daniel-reyes-example'],
      },
      education: [{ institution: 'University of Texas at Austin', degree: "Bachelor's Degree", field: 'Computer Science', start: '2011-08-15', end: '2015-05-15' }],
      employment: [{ employer: 'Example Analytics', title: 'Software Engineer', start: '2015-07-01' }],
    });
    expect(out.notes).toEqual([]);
    expect(ApplicationSchema.safeParse(out.application).success).toBe(true);
  });

  it('maps a Lever opportunity (the record an applicationCreated event names)', () => {
    const out = mapLeverOpportunity(JSON.parse(raw('lever/opportunity.json')), { applicationId: 'a1b2c3d4-0000-4e5f-8a9b-000000000010' });
    expect(out.ok && out.application).toEqual({
      id: 'lever-0ddba11e-0000-4a1b-9c2d-000000000030',
      source: 'lever',
      submittedAt: new Date(1762179722000).toISOString(),
      job: { id: 'f00dcafe-0000-4a1b-9c2d-000000000040' },
      applicant: {
        fullName: 'Ryan Cole',
        emails: ['ryan.cole.builds@example.com'],
        phones: ['+1 713-555-0124'],
        address: { city: 'Houston', region: 'TX' },
        links: ['https://www.linkedin.com/in/ryan-cole-example', 'https://github.com/rcole-example'],
      },
    });
  });

  it('maps an Ashby applicationSubmit', () => {
    const out = mapAshbyEvent(JSON.parse(raw('ashby/application-submit.json')));
    expect(out.ok && out.application).toEqual({
      id: 'ashby-9f8e7d6c-0000-4b5a-8c7d-000000000100',
      source: 'ashby',
      submittedAt: '2025-11-04T09:15:30.512Z',
      job: { id: '2b3c4d5e-0000-4f6a-8b9c-000000000500', title: 'Backend Engineer (Remote)' },
      applicant: {
        fullName: 'Diego Herrera',
        emails: ['diego.herrera.eng@example.com', 'd.herrera@alt.example.net'],
        phones: ['(713) 155-0124'],
        address: { city: 'Houston', region: 'Texas', country: 'United States' },
        links: ['https://www.linkedin.com/in/diego-herrera-example', 'https://github.com/dherrera-example'],
      },
    });
  });

  it('leaves absent what the payload does not carry', () => {
    const body = JSON.parse(raw('ashby/application-submit.json'));
    const c = body.data.application.candidate;
    for (const key of ['primaryPhoneNumber', 'emailAddresses', 'socialLinks', 'location']) delete c[key];
    delete body.data.application.job;
    const out = mapAshbyEvent(body);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.application.job).toBeUndefined();
    expect(Object.keys(out.application.applicant).sort()).toEqual(['emails', 'fullName']);
    expect('education' in out.application).toBe(false);
  });

  it('drops an unreadable date with a note rather than losing the record', () => {
    const body = JSON.parse(raw('greenhouse/new-candidate-application.json'));
    body.payload.application.candidate.educations[0].end_date = 'sometime';
    const out = mapGreenhouseEvent(body);
    expect(out.ok && out.application.education?.[0]?.end).toBeUndefined();
    expect(out.ok && out.notes).toEqual(["education[0].end: dropped 'sometime', not a date"]);
  });

  it('refuses a payload without a name or outside the documented shape, naming the field', () => {
    const body = JSON.parse(raw('greenhouse/new-candidate-application.json'));
    body.payload.application.candidate.first_name = null;
    body.payload.application.candidate.last_name = '';
    expect(mapGreenhouseEvent(body)).toEqual({ ok: false, error: 'applicant.fullName: a name is required' });
    expect(mapAshbyEvent({ action: 'applicationSubmit', data: {} })).toMatchObject({ ok: false, error: expect.stringMatching(/^ashby payload: data\.application/) });
  });

  it('gives records the screening pipeline reads without a skipped detector', () => {
    const mapped = [
      mapGreenhouseEvent(JSON.parse(raw('greenhouse/new-candidate-application.json'))),
      mapLeverOpportunity(JSON.parse(raw('lever/opportunity.json'))),
      mapAshbyEvent(JSON.parse(raw('ashby/application-submit.json'))),
    ];
    for (const out of mapped) {
      expect(out.ok).toBe(true);
      if (!out.ok) continue;
      const result = screenApplication(out.application, context);
      expect(result.id).toBe(out.application.id);
      expect(result.skipped ?? []).toEqual([]);
    }
  });

  it('reads Greenhouse dates and one-string addresses', () => {
    const notes: string[] = [];
    expect(isoDate('1/5/2019', 'x', notes)).toBe('2019-01-05');
    expect(isoDate('2015-05', 'x', notes)).toBe('2015-05');
    expect(addressFromText('123 Fake St.')).toEqual({ line1: '123 Fake St.' });
    expect(addressFromText('9 Elm St\nFloor 2\nNew York, NY 10001')).toEqual({ line1: '9 Elm St, Floor 2', city: 'New York', region: 'NY', postalCode: '10001' });
  });
});

describe('receiveWebhook', () => {
  it('Greenhouse: verifies, then maps; keeps the delivery id', () => {
    const body = raw('greenhouse/new-candidate-application.json');
    const out = receiveWebhook('greenhouse', {
      rawBody: Buffer.from(body),
      headers: { signature: `sha256 ${hmac(SECRET, body)}`, 'greenhouse-event-id': 'evt-1' },
      secrets: [SECRET],
    });
    expect(out).toMatchObject({ kind: 'application', deliveryId: 'evt-1', application: { id: 'gh-448812' } });
  });
  it('refuses before reading anything when the signature is wrong', () => {
    const out = receiveWebhook('greenhouse', { rawBody: 'not json', headers: { signature: `sha256 ${'0'.repeat(64)}` }, secrets: [SECRET] });
    expect(out).toEqual({ kind: 'refused', status: 401, reason: 'bad_signature' });
  });
  it('acknowledges a signed ping without mapping it', () => {
    const body = raw('ashby/ping.json');
    expect(receiveWebhook('ashby', { rawBody: body, headers: { 'ashby-signature': `sha256=${hmac(SECRET, body)}` }, secrets: [SECRET] })).toEqual({
      kind: 'ignored',
      event: 'ping',
      deliveryId: '6a3f0c1e-0000-4b2d-9e8f-000000000002',
    });
    const gh = raw('greenhouse/ping.json');
    expect(receiveWebhook('greenhouse', { rawBody: gh, headers: { signature: `sha256 ${hmac(SECRET, gh)}` }, secrets: [SECRET] })).toMatchObject({ kind: 'ignored', event: 'ping' });
  });
  it('Ashby: maps a signed applicationSubmit; refuses a tampered one', () => {
    const body = raw('ashby/application-submit.json');
    const headers = { 'ashby-signature': `sha256=${hmac(SECRET, body)}` };
    expect(receiveWebhook('ashby', { rawBody: body, headers, secrets: [SECRET] })).toMatchObject({ kind: 'application', application: { id: 'ashby-9f8e7d6c-0000-4b5a-8c7d-000000000100' } });
    expect(receiveWebhook('ashby', { rawBody: body.replace('Houston', 'Austin'), headers, secrets: [SECRET] })).toMatchObject({ kind: 'refused' });
  });
  it('Lever: a signed applicationCreated asks for the opportunity; other events are acknowledged', () => {
    const created = signedLever('lever/application-created.json');
    expect(receiveWebhook('lever', { rawBody: created.text, headers: {}, secrets: [SECRET] })).toEqual({
      kind: 'fetch',
      reference: { opportunityId: '0ddba11e-0000-4a1b-9c2d-000000000030', applicationId: 'a1b2c3d4-0000-4e5f-8a9b-000000000010' },
      deliveryId: '5b1d2c3e-0000-4a1b-9c2d-000000000001',
    });
    const stage = signedLever('lever/candidate-stage-change.json');
    expect(receiveWebhook('lever', { rawBody: stage.text, headers: {}, secrets: [SECRET] })).toMatchObject({ kind: 'ignored', event: 'candidateStageChange' });
    expect(receiveWebhook('lever', { rawBody: created.text, headers: {}, secrets: [OTHER] })).toEqual({ kind: 'refused', status: 401, reason: 'bad_signature' });
    expect(receiveWebhook('lever', { rawBody: '{}', headers: {}, secrets: [SECRET] })).toEqual({ kind: 'refused', status: 401, reason: 'missing_signature' });
  });
  it('says 400 for a signed body that is not JSON, without echoing it', () => {
    const body = '{"action": ';
    const out = receiveWebhook('greenhouse', { rawBody: body, headers: { signature: `sha256 ${hmac(SECRET, body)}` }, secrets: [SECRET] });
    expect(out).toEqual({ kind: 'invalid', status: 400, error: 'greenhouse payload: not JSON' });
  });
});
