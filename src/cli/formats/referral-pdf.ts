import PDFDocument from 'pdfkit';
import type { Referral } from '../../service/referral-schema.js';

/**
 * The referral as a PDF a person reads (pdfkit, US Letter): a title block,
 * numbered sections with tables, the sources cited, and "page N of M" with
 * the case id on every page. pdfkit's standard fonts cover Latin text
 * (WinAnsi); a character outside it prints as "?" here, and the JSON
 * format holds every value exactly.
 */
const INK = '#1d2733';
const MUTED = '#5b6675';
const RULE = '#c9d1db';
const HEAD_BG = '#e8edf3';
const ACCENT = '#9b1c1c';

/** Text pdfkit's standard fonts can draw (WinAnsi less its control characters). */
export function pdfSafe(text: string): string {
  return text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014]/g, '-').replace(/\u2026/g, '...')
    .replace(/[^\n\x20-\x7e\xa0-\xff\u20ac]/g, '?');
}
const when = (iso: string | undefined): string => (iso ? iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC') : '-');
const bytes = (n: number): string => (n < 1024 ? `${n} B` : n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / (1 << 20)).toFixed(1)} MiB`);

export async function referralPdf(r: Referral): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER', margins: { top: 54, bottom: 60, left: 54, right: 54 }, bufferPages: true,
    info: { Title: `Referral: case ${r.case.id}`, Author: `hirewatch (${r.org})`, Subject: 'Suspected IT-worker fraud: package for an IC3 complaint' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => { doc.on('end', resolve); doc.on('error', reject); });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;
  let section = 0;

  const para = (text: string, options: { color?: string; size?: number; bold?: boolean } = {}): void => {
    doc.font(options.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(options.size ?? 9.5).fillColor(options.color ?? INK).text(pdfSafe(text), left, doc.y, { width });
  };
  const heading = (title: string): void => {
    if (doc.y > doc.page.height - 160) doc.addPage();
    section += 1;
    doc.moveDown(0.9);
    doc.font('Helvetica-Bold').fontSize(13).fillColor(INK).text(`${section}. ${title}`, left, doc.y, { width });
    doc.moveTo(left, doc.y + 2).lineTo(left + width, doc.y + 2).lineWidth(0.8).strokeColor(ACCENT).stroke();
    doc.moveDown(0.5);
  };
  const table = (columns: readonly { head: string; width: number }[], rows: readonly (readonly string[])[], empty: string): void => {
    if (rows.length === 0) return para(empty, { color: MUTED });
    doc.x = left;
    doc.font('Helvetica').fontSize(8.5).fillColor(INK);
    const font = (src: string) => ({ src, size: 8.5 });
    doc.table({
      columnStyles: columns.map((c) => ({ width: c.width * width })),
      defaultStyle: { border: { bottom: 0.5 }, borderColor: RULE, padding: [3, 4, 3, 4], textColor: INK },
      data: [
        columns.map((c) => ({ text: pdfSafe(c.head), font: font('Helvetica-Bold'), backgroundColor: HEAD_BG, type: 'TH' as const })),
        ...rows.map((row) => row.map((cell) => ({ text: pdfSafe(cell || '-'), font: font('Helvetica') }))),
      ],
    });
    doc.moveDown(0.4);
  };
  const pairs = (items: readonly (readonly [string, string])[]): void => table([{ head: 'Field', width: 0.28 }, { head: 'Value', width: 0.72 }], items.filter(([, v]) => v), '');

  // Title block.
  doc.rect(0, 0, doc.page.width, 8).fill(ACCENT);
  doc.font('Helvetica-Bold').fontSize(20).fillColor(INK).text('Referral for an IC3 complaint', left, 40, { width });
  doc.font('Helvetica').fontSize(11).fillColor(MUTED).text(pdfSafe(`Suspected remote IT-worker fraud: case ${r.case.id} of ${r.org}`), { width });
  doc.moveDown(0.4);
  para('CONFIDENTIAL: this document holds personal data about the people named in it. Share it only with law enforcement (FBI, IC3: ic3.gov) and keep it as the case file requires.', { color: ACCENT, size: 8.5, bold: true });
  doc.moveDown(0.6);
  const names = [...new Set(r.identities.map((i) => i.fullName))];
  pairs([
    ['Case', `${r.case.id} (${r.case.subjectKind}${r.case.subjectName ? `: ${r.case.subjectName}` : ''})`],
    ['Outcome', r.case.outcome ? `${r.case.outcome.replace('_', ' ')}, decided ${when(r.case.decidedAt)}` : `not decided (status ${r.case.status})`],
    ['Decided by', r.case.decision ? `${r.case.decision.by}${r.case.decision.confirmedBy ? `, confirmed by ${r.case.decision.confirmedBy}` : ''}` : ''],
    ['Reason', r.case.decision?.reason ?? ''],
    ['Screening', `band ${r.case.band}, score ${r.case.score} of 100; signal families ${r.case.families.join(', ')}`],
    ['Names used', names.join('; ')],
    ['Job', r.case.jobTitle ?? ''],
    ['Opened', when(r.case.openedAt)],
    ['Generated', `${when(r.generatedAt)} by hirewatch`],
  ]);

  heading('Identities used');
  table([{ head: 'Name and application', width: 0.22 }, { head: 'Submitted', width: 0.13 }, { head: 'Mailboxes and phones', width: 0.3 }, { head: 'Address, network and device', width: 0.35 }],
    r.identities.map((i) => [`${i.fullName}\n${i.source ? `${i.source}:` : ''}${i.applicationId}\n${i.band}, score ${i.score}`, when(i.submittedAt),
      [...i.emails, ...i.phones, ...i.links].join('\n'), [i.address, i.ip && `IP ${i.ip}`, i.deviceId && `device ${i.deviceId}`, i.timezone && `time zone ${i.timezone}`, i.photoHash && `photo hash ${i.photoHash}`].filter(Boolean).join('\n')]),
    'No application is stored for this case (an employee case: see section 7).');

  heading('Identifiers (canonical form, as matched across applications)');
  table([{ head: 'Kind', width: 0.18 }, { head: 'Value', width: 0.57 }, { head: 'Used by', width: 0.25 }], r.identifiers.map((i) => [i.kind, i.value, i.usedBy.join(', ')]), 'None.');

  heading('What was claimed and what was found');
  table([{ head: 'Application', width: 0.13 }, { head: 'Topic', width: 0.15 }, { head: 'Claimed', width: 0.3 }, { head: 'Found', width: 0.42 }],
    r.claims.map((c) => [c.applicationId, c.topic, c.claimed, c.found.join('\n') || 'no finding on this topic']), 'No claims recorded.');

  heading('Evidence and its sources');
  table([{ head: 'Subject', width: 0.13 }, { head: 'Signal', width: 0.28 }, { head: 'Evidence', width: 0.41 }, { head: 'Source', width: 0.18 }],
    r.findings.map((f) => [f.applicationId, `${f.signal}\n(${f.family}, weight ${f.weight.toFixed(1)})`, f.evidence, f.source ? `${f.source.publisher}, ${f.source.date}` : '']), 'No signals.');

  heading('Verification performed');
  table([{ head: 'Check', width: 0.4 }, { head: 'Result', width: 0.12 }, { head: 'Note and evidence', width: 0.33 }, { head: 'By, at', width: 0.15 }],
    r.verification.map((s) => [`${s.family}: ${s.check}`, s.state.replace('_', ' '), [s.note, s.evidence].filter(Boolean).join('\n'), [s.by, when(s.at)].filter(Boolean).join('\n')]), 'No verification plan.');

  heading('Timeline');
  table([{ head: 'When', width: 0.2 }, { head: 'Who', width: 0.14 }, { head: 'Event', width: 0.14 }, { head: 'Detail', width: 0.52 }], r.timeline.map((e) => [when(e.at), e.by, e.type.replace('_', ' '), e.summary]), 'No events.');

  heading('Linked applications and employees');
  table([{ head: 'Linked application', width: 0.3 }, { head: 'Band, score', width: 0.2 }, { head: 'Shares', width: 0.5 }],
    r.linkedApplications.map((l) => [`${l.name ?? ''} (${l.source ? `${l.source}:` : ''}${l.applicationId})`, `${l.band}, ${l.score}`, l.via.join(', ')]), 'No application outside the case shares an identifier with it.');
  table([{ head: 'Employee', width: 0.2 }, { head: 'Hired from, start, place', width: 0.3 }, { head: 'Devices', width: 0.15 }, { head: 'Post-hire alerts', width: 0.35 }],
    r.employees.map((e) => [e.employeeId, [e.applicationId, e.startDate, e.workLocation].filter(Boolean).join('\n'), e.deviceIds.join('\n'),
      e.alerts.map((a) => `${a.signal} (${a.count}x, ${when(a.firstSeen)} to ${when(a.lastSeen)}): ${a.evidence}`).join('\n')]), 'No employee was hired from these applications.');

  heading('Payroll and onboarding');
  table([{ head: 'Application', width: 0.15 }, { head: 'Payroll account (hash)', width: 0.3 }, { head: 'Equipment shipped to', width: 0.35 }, { head: 'Identity document', width: 0.2 }],
    r.payroll.map((p) => [p.applicationId, p.payrollAccountHash ?? '', p.shippingAddress ?? '', p.identityDocument ?? '']), 'No payroll or onboarding details are known.');

  heading('Attachments');
  table([{ head: 'File', width: 0.25 }, { head: 'Size', width: 0.09 }, { head: 'SHA-256', width: 0.46 }, { head: 'Added', width: 0.2 }],
    r.attachments.map((a) => [a.name, bytes(a.size), a.sha256, `${a.by}\n${when(a.at)}`]), 'No attachments.');
  if (r.notes.length > 0) {
    heading('Analysts\' notes');
    table([{ head: 'When, who', width: 0.22 }, { head: 'Note', width: 0.78 }], r.notes.map((n) => [`${when(n.at)}\n${n.by}`, n.text]), '');
  }

  const cited = new Map(r.findings.flatMap((f) => (f.source ? [[f.source.key, f.source] as const] : [])));
  if (cited.size > 0) {
    heading('Public sources cited');
    for (const s of cited.values()) {
      para(`${s.publisher}, ${s.date}: ${s.title}${s.url ? ` ${s.url}` : ''}`, { size: 8.5 });
      doc.moveDown(0.3);
    }
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(MUTED)
      .text(pdfSafe(`hirewatch referral - case ${r.case.id} - confidential`), left, doc.page.height - 36, { width: width / 2, lineBreak: false })
      .text(`Page ${i + 1 - range.start} of ${range.count}`, left + width / 2, doc.page.height - 36, { width: width / 2, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
