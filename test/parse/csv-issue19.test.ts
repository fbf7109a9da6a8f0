import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readApplications } from '../../src/parse/read-input.js';
import type { ParseOutcome } from '../../src/parse/parse-application.js';

/**
 * The default CSV columns for the issue 19 fields: a reference's
 * reference-check session, the start date, payroll accounts and payment
 * requests (repeated groups, N = 1..10). Code-hosting profiles nest lists in
 * lists and come through JSON Lines or --map.
 */
const dir = mkdtempSync(join(tmpdir(), 'hirewatch-csv19-'));
async function readAll(file: string): Promise<ParseOutcome[]> {
  const out: ParseOutcome[] = [];
  for await (const o of readApplications(file, {})) out.push(o);
  return out;
}

describe('CSV default columns for references\' sessions and payroll', () => {
  it('reads them into the record, and a bad date names its column', async () => {
    const file = join(dir, 'payroll.csv');
    writeFileSync(file, [
      'id,submitted_at,full_name,reference_1_name,reference_1_session_ip,reference_1_session_device_id,onboarding_start_date,payroll_account_1_hash,payroll_account_1_holder_name,payroll_account_1_kind,payroll_account_1_added_at,payroll_account_2_hash,payroll_account_2_kind,payment_request_1_kind,payment_request_1_provider',
      'p1,2025-10-20T17:45:00Z,Jason Whitaker,Kevin Liu,98.51.7.20,fp_a40d5c,2025-11-17,sha256:8c1f,Jason Whitaker,bank,2025-11-10,wallet:3f9a,crypto,crypto,USDT (TRC-20)',
      'p2,2025-10-20T17:45:00Z,Ana Souza,,,,2025-11-31,,,,,,,,',
    ].join('\n'));
    const [row, bad] = await readAll(file);
    expect(row?.ok).toBe(true);
    if (!row?.ok) return;
    expect(row.record.references?.[0]).toMatchObject({ name: 'Kevin Liu', session: { ip: '98.51.7.20', deviceId: 'fp_a40d5c' } });
    expect(row.record.onboarding).toMatchObject({
      startDate: '2025-11-17',
      payrollAccounts: [{ accountHash: 'sha256:8c1f', holderName: 'Jason Whitaker', kind: 'bank', addedAt: '2025-11-10' }, { accountHash: 'wallet:3f9a', kind: 'crypto' }],
      paymentRequests: [{ kind: 'crypto', provider: 'USDT (TRC-20)' }],
    });
    expect(bad?.ok).toBe(false);
    if (bad && !bad.ok) expect(bad.error).toMatch(/onboarding\.startDate/);
  });
});
