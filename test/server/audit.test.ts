import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, CanonicalJsonError } from '../../src/server/audit/canonical-json.js';
import { appendEntry, GENESIS_HASH, hashEntry, verifyChain, type AuditEntry, type AuditEntryInput } from '../../src/server/audit/hash-chain.js';

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    const input: AuditEntryInput = {
      at: `2025-11-03T14:${String(i).padStart(2, '0')}:00Z`,
      orgId: 'acme',
      actor: 'AbCdEfGh',
      action: i % 2 ? 'result.evidence.read' : 'application.create',
      target: `gh-${i}`,
      detail: { band: 'review', score: 20 + i, signals: ['contact.phone_invalid'] },
    };
    out.push(appendEntry(out[out.length - 1], input));
  }
  return out;
}

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}');
  });
  it('is the same for the same data written in another order, and after a JSON round trip', () => {
    const a = { action: 'x', detail: { score: 62, band: 'hold' } };
    const b = { detail: { band: 'hold', score: 62 }, action: 'x' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(JSON.parse(JSON.stringify(a)))).toBe(canonicalJson(a));
  });
  it('refuses what JSON cannot carry, naming the path and not the value', () => {
    expect(() => canonicalJson({ a: { b: Number.NaN } })).toThrow(new CanonicalJsonError('a.b', 'NaN'));
    expect(() => canonicalJson({ a: [1, undefined] })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: new Map() })).toThrow(/non-plain object at a/);
    expect(() => canonicalJson({ a: 1n })).toThrow(/bigint/);
  });
});

describe('audit hash chain', () => {
  it('links entries: seq from 1, genesis, hash = sha256(prevHash + canonical entry)', () => {
    const [first, second] = chain(2);
    expect(first!.seq).toBe(1);
    expect(first!.prevHash).toBe(GENESIS_HASH);
    expect(second!.prevHash).toBe(first!.hash);
    const { hash, ...rest } = second!;
    const expected = createHash('sha256').update(second!.prevHash + canonicalJson(rest)).digest('hex');
    expect(hash).toBe(expected);
    expect(hashEntry(second!)).toBe(hash);
  });

  it('verifies an intact chain, also in pages', () => {
    const entries = chain(10);
    expect(verifyChain(entries)).toEqual({ ok: true, count: 10, head: { seq: 10, hash: entries[9]!.hash } });
    expect(verifyChain(entries.slice(5), { after: entries[4] })).toMatchObject({ ok: true, count: 5 });
    expect(verifyChain([])).toEqual({ ok: true, count: 0 });
  });

  it('survives the store round trip (JSON text, keys in another order)', () => {
    const entries = chain(5).map((e) => JSON.parse(JSON.stringify({ ...e, detail: JSON.parse(JSON.stringify(e.detail)) })) as AuditEntry);
    expect(verifyChain(entries).ok).toBe(true);
  });

  it('detects a changed detail', () => {
    const entries = chain(6);
    entries[3] = { ...entries[3]!, detail: { ...entries[3]!.detail, band: 'clear' } };
    expect(verifyChain(entries)).toEqual({ ok: false, brokenAt: 4, reason: 'hash_mismatch' });
  });

  it('detects a changed entry whose hash was recomputed (the next link breaks)', () => {
    const entries = chain(6);
    const forged = { ...entries[2]!, actor: 'someone-else' };
    entries[2] = { ...forged, hash: hashEntry(forged) };
    expect(verifyChain(entries)).toEqual({ ok: false, brokenAt: 4, reason: 'prev_hash_mismatch' });
  });

  it('detects a deleted row', () => {
    const entries = chain(6);
    entries.splice(2, 1);
    expect(verifyChain(entries)).toEqual({ ok: false, brokenAt: 3, reason: 'seq_gap' });
  });

  it('detects a deleted row even when the seqs are renumbered', () => {
    const entries = chain(6);
    entries.splice(2, 1);
    const renumbered = entries.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyChain(renumbered)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('detects reordered rows', () => {
    const entries = chain(6);
    const swapped = [entries[0]!, entries[2]!, entries[1]!, ...entries.slice(3)];
    expect(verifyChain(swapped)).toEqual({ ok: false, brokenAt: 2, reason: 'seq_gap' });
    const renumbered = swapped.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyChain(renumbered)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('detects deletion of the newest rows against an anchor kept elsewhere; growth is fine', () => {
    const entries = chain(8);
    const anchor = { seq: 6, hash: entries[5]!.hash };
    expect(verifyChain(entries, { expectedHead: anchor }).ok).toBe(true);
    expect(verifyChain(entries.slice(0, 4), { expectedHead: anchor })).toEqual({ ok: false, brokenAt: 5, reason: 'head_mismatch' });
    expect(verifyChain(entries.slice(0, 4)).ok).toBe(true); // without an anchor a truncated chain looks whole
  });
});
