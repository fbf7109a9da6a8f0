import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLabels } from '../../src/learn/labels.js';

describe('labels files', () => {
  it('reads decided cases (confirmed_fraud positive, cleared negative, the rest skipped) and plain labels', () => {
    const text = [
      '{"applicationId":"a1","decision":"confirmed_fraud","date":"2026-11-02","signals":["contact.disposable_email",{"id":"linkage.shared_phone_other_identity"}],"caseId":"k-1"}',
      '{"applicationId":"a2","source":"greenhouse","decision":"cleared","date":"2026-11-03"}',
      '{"applicationId":"a3","decision":"withdrawn"}',
      '{"applicationId":"a4","decision":"inconclusive"}',
      '{"id":"b1","label":"fraud"}',
      '{"id":"b2","label":"honest","note":"ignored"}',
      '',
      '{"id":"b3","label":"maybe"}',
      'not json',
      '[1]',
      '{"id":"b1","label":"honest"}',
    ].join('\n');
    const set = parseLabels(text);
    expect(set.labels).toEqual([
      { id: 'a1', source: '', positive: true, signals: ['contact.disposable_email', 'linkage.shared_phone_other_identity'] },
      { id: 'a2', source: 'greenhouse', positive: false },
      { id: 'b2', source: '', positive: false },
      { id: 'b1', source: '', positive: false },
    ]);
    expect(set.skipped).toEqual({ withdrawn: 1, inconclusive: 1 });
    expect(set.replaced).toBe(1);
    expect(set.errors).toEqual([
      { line: 8, error: 'label: Invalid option: expected one of "fraud"|"honest"' },
      { line: 9, error: 'not valid JSON' },
      { line: 10, error: 'not a JSON object' },
    ]);
  });

  const label = fc.record({
    id: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s.length > 0),
    positive: fc.boolean(),
    caseShape: fc.boolean(),
  });

  it('property: every label written in either shape reads back as written (the last one per id wins)', () => {
    fc.assert(
      fc.property(fc.array(label, { maxLength: 30 }), (labels) => {
        const text = labels
          .map((l) => JSON.stringify(l.caseShape ? { applicationId: l.id, decision: l.positive ? 'confirmed_fraud' : 'cleared' } : { id: l.id, label: l.positive ? 'fraud' : 'honest' }))
          .join('\n');
        const set = parseLabels(text);
        const last = new Map(labels.map((l) => [l.id, l.positive]));
        expect(new Map(set.labels.map((l) => [l.id, l.positive]))).toEqual(last);
        expect(set.labels).toHaveLength(last.size);
        expect(set.errors).toEqual([]);
      }),
    );
  });

  it('property: any text reads without throwing; every non-blank line is a label, skipped, replaced or an error', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.json(), fc.constant('{"id":"x","label":"fraud"}'), fc.constant('{"applicationId":"y","decision":"withdrawn"}')), { maxLength: 20 }), (lines) => {
        const text = lines.map((l) => l.replace(/\n/g, ' ')).join('\n');
        const set = parseLabels(text);
        const nonBlank = text.split('\n').filter((l) => l.trim()).length;
        expect(set.labels.length + set.skipped.withdrawn + set.skipped.inconclusive + set.replaced + set.errors.length).toBe(nonBlank);
      }),
    );
  });
});
