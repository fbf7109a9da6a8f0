import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** A FEBRL-style person record (all fields text; empty means missing). */
export const PersonRecordSchema = z.object({
  rec_id: z.string().min(1),
  given_name: z.string(),
  surname: z.string(),
  street_number: z.string(),
  address_1: z.string(),
  address_2: z.string(),
  suburb: z.string(),
  postcode: z.string(),
  state: z.string(),
  date_of_birth: z.string(),
  soc_sec_id: z.string(),
});
export type PersonRecord = z.infer<typeof PersonRecordSchema>;

/** Parse a FEBRL CSV (comma separated, no quoting, header row). */
export function parsePersonCsv(text: string): PersonRecord[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]!.split(',').map((h) => h.trim());
  return lines.slice(1).map((line) => {
    const cells = line.split(',').map((c) => c.trim());
    return PersonRecordSchema.parse(Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
  });
}

export function readPersonCsv(path: string | URL): PersonRecord[] {
  return parsePersonCsv(readFileSync(path, 'utf8'));
}

/** The person a FEBRL record id names: "rec-552-dup-3" -> "552". Ground truth, for evaluation only. */
export function truePerson(recId: string): string {
  const m = /^rec-(\d+)-(?:org|dup-\d+)$/.exec(recId);
  if (!m) throw new Error(`not a FEBRL record id: ${recId}`);
  return m[1]!;
}

/** American Soundex (letter + three digits), "" for no letters. */
export function soundex(text: string): string {
  const s = text.toLowerCase().replace(/[^a-z]/g, '');
  if (!s) return '';
  const code = (c: string): string => ('bfpv'.includes(c) ? '1' : 'cgjkqsxz'.includes(c) ? '2' : 'dt'.includes(c) ? '3' : c === 'l' ? '4' : 'mn'.includes(c) ? '5' : c === 'r' ? '6' : '');
  let out = s[0]!.toUpperCase();
  let last = code(s[0]!);
  for (let i = 1; i < s.length && out.length < 4; i++) {
    const c = s[i]!;
    const d = code(c);
    if (d && d !== last) out += d;
    if (c !== 'h' && c !== 'w') last = d;
  }
  return out.padEnd(4, '0');
}
