import { getApplication, submitApplication, submitApplicationBatch } from '../handlers/applications.js';
import {
  addCaseAttachment, addCaseNote, assignCase, decideCase, getAdverseActionNotice, getCase, getDashboard, getPolicy, getVerification, listCases,
  putPolicy, recordCaseStep,
} from '../handlers/cases.js';
import { getEmployee, listEmployees } from '../handlers/employees.js';
import { getDataStatus, getHealth, getMetrics, getOpenApi, readAuditLog } from '../handlers/operations.js';
import { getNetwork, listResults } from '../handlers/results.js';
import { eraseSubject } from '../handlers/retention.js';
import { listAlerts, postTelemetry } from '../handlers/telemetry.js';
import { receiveWebhookRoute } from '../handlers/webhook.js';
import type { RouteHandlers } from './handler-types.js';

/** One handler per entry of the route table (the type makes a missing one a compile error). */
export const ROUTE_HANDLERS: RouteHandlers = {
  submitApplication,
  submitApplicationBatch,
  getApplication,
  listResults,
  getNetwork,
  getDataStatus,
  getHealth,
  getMetrics,
  getOpenApi,
  receiveWebhook: receiveWebhookRoute,
  postTelemetry,
  listAlerts,
  listEmployees,
  getEmployee,
  readAuditLog,
  listCases,
  getCase,
  assignCase,
  addCaseNote,
  addCaseAttachment,
  recordCaseStep,
  decideCase,
  getAdverseActionNotice,
  getVerification,
  getDashboard,
  getPolicy,
  putPolicy,
  eraseSubject,
};
