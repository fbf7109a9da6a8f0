import { CaseConflict } from '../../service/index.js';
import { ApiError } from '../http/api-error.js';
import { actorOf, audit, type Handler } from '../routes/handler-types.js';
import type { API_ROUTES } from '../routes/route-table.js';
import { summaryOf } from '../../service/index.js';

/**
 * The case routes (docs/CASES.md): reads use the Cases service over the
 * caller's organisation's store; every change goes through it, one
 * transaction with its audit entry. A case of another organisation is not
 * found (404), like an unknown one.
 */
type R = typeof API_ROUTES;

/** A refused change (decided case, same analyst twice, a notice not due) answers 409. */
async function conflictsAs409<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof CaseConflict) throw new ApiError(409, 'conflict', err.message);
    throw err;
  }
}

export const listCases: Handler<R['listCases']> = async (ctx) => {
  const q = ctx.query;
  const page = await ctx.deps.screening.cases.list(ctx.store, {
    status: q.status, band: q.band, family: q.family, signal: q.signal, assignee: q.assignee,
    olderThanDays: q.olderThanDays, sort: q.sort, cursor: q.cursor, limit: q.limit,
  });
  return { cases: page.cases.map(summaryOf), total: page.total, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
};

export const getCase: Handler<R['getCase']> = async (ctx) => {
  const view = await ctx.deps.screening.cases.get(ctx.store, ctx.params.caseId);
  await audit(ctx, 'case.read', view.id, { members: view.memberCount });
  return view;
};

export const assignCase: Handler<R['assignCase']> = (ctx) =>
  ctx.deps.screening.cases.assign(ctx.store, ctx.params.caseId, ctx.body.assignee, actorOf(ctx, 'case.assign'));

export const addCaseNote: Handler<R['addCaseNote']> = (ctx) =>
  conflictsAs409(() => ctx.deps.screening.cases.addNote(ctx.store, ctx.params.caseId, ctx.body.text, actorOf(ctx, 'case.note')));

export const addCaseAttachment: Handler<R['addCaseAttachment']> = (ctx) =>
  conflictsAs409(() => ctx.deps.screening.cases.addAttachment(ctx.store, ctx.params.caseId, ctx.body.name, Buffer.from(ctx.body.contentBase64, 'base64'), actorOf(ctx, 'case.attachment')));

export const recordCaseStep: Handler<R['recordCaseStep']> = (ctx) =>
  conflictsAs409(() => ctx.deps.screening.cases.recordStep(ctx.store, ctx.params.caseId, ctx.params.stepId, ctx.body, actorOf(ctx, 'case.step')));

export const decideCase: Handler<R['decideCase']> = (ctx) =>
  conflictsAs409(() => ctx.deps.screening.cases.decide(ctx.store, ctx.params.caseId, ctx.body, actorOf(ctx, 'case.decision')));

export const getAdverseActionNotice: Handler<R['getAdverseActionNotice']> = async (ctx) => {
  const notice = await conflictsAs409(() => ctx.deps.screening.cases.adverseActionNotice(ctx.store, ctx.params.caseId));
  await audit(ctx, 'case.notice', ctx.params.caseId);
  return notice;
};

export const getVerification: Handler<R['getVerification']> = (ctx) =>
  ctx.deps.screening.cases.verification(ctx.store, ctx.params.id, ctx.query.source);

export const getDashboard: Handler<R['getDashboard']> = (ctx) => ctx.deps.screening.cases.dashboard(ctx.store);

export const getPolicy: Handler<R['getPolicy']> = (ctx) => ctx.deps.screening.cases.policy(ctx.store);

export const putPolicy: Handler<R['putPolicy']> = (ctx) => ctx.deps.screening.cases.setPolicy(ctx.store, ctx.body, actorOf(ctx, 'policy.set'));
