import { describe, expect, it } from 'vitest';
import { parseJsonLine } from '../../src/parse/parse-application.js';

const at = { line: 3 };

describe('parseJsonLine', () => {
  it('keeps every field of the contract and unknown fields too', () => {
    const line = JSON.stringify({
      id: 'gh-1', source: 'greenhouse', submittedAt: '2025-11-03T14:22:05Z',
      applicant: { fullName: 'Daniel Reyes', phones: ['+1 (512) 555-0143'], custom: 'kept' },
      onboarding: { payrollAccountHash: 'sha256:ab', identityDocument: { verified: true, method: 'in_person' } },
      extraTopLevel: { a: 1 },
    });
    const out = parseJsonLine(line, at);
    expect(out?.ok).toBe(true);
    if (!out?.ok) return;
    expect(out.record.applicant.phones).toEqual(['+1 (512) 555-0143']);
    expect((out.record.applicant as Record<string, unknown>).custom).toBe('kept');
    expect((out.record as Record<string, unknown>).extraTopLevel).toEqual({ a: 1 });
    expect(out.record.onboarding?.identityDocument?.method).toBe('in_person');
  });

  it('accepts null for absent optional fields', () => {
    const out = parseJsonLine('{"id":"x","submittedAt":"2025-11","applicant":{"fullName":"A B","address":null},"profiles":{"linkedin":{"nameChangedAt":null}}}', at);
    expect(out?.ok).toBe(true);
  });

  it('names the line and the field when a record is wrong', () => {
    const out = parseJsonLine('{"id":"gh-2","submittedAt":"2025-11-03","applicant":{"fullName":"X","phones":"555"}}', at);
    expect(out).toMatchObject({ ok: false, id: 'gh-2', location: { line: 3 } });
    expect(out && !out.ok && out.error).toMatch(/applicant\.phones/);
  });

  it('reports broken JSON and non-objects, and skips blank lines', () => {
    expect(parseJsonLine('{"id": ', at)).toMatchObject({ ok: false, error: expect.stringMatching(/not valid JSON/) });
    expect(parseJsonLine('[1,2]', at)).toMatchObject({ ok: false, error: expect.stringMatching(/one JSON object/) });
    expect(parseJsonLine('   ', at)).toBeNull();
  });

  it('requires id, submittedAt and applicant.fullName only', () => {
    const out = parseJsonLine('{"applicant":{}}', at);
    expect(out && !out.ok && out.error).toMatch(/id.*submittedAt.*applicant\.fullName|id|submittedAt/);
    expect(parseJsonLine('{"id":"m","submittedAt":"2025-11-01T00:00:00Z","applicant":{"fullName":"M"}}', at)?.ok).toBe(true);
  });
});
