import { ApiProblem } from '../api';

/** An API error as one sentence; a 403 says the role cannot see the page. */
export function Problem({ error }: { error: Error }) {
  const status = error instanceof ApiProblem ? error.status : 0;
  const text = status === 403
    ? 'Your role cannot see this.'
    : status === 404
      ? 'Not found (or not in your organisation).'
      : error.message;
  return <p className="error" role="alert">{text}</p>;
}
