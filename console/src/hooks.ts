import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiProblem } from './api';

export interface Loaded<T> { data?: T; error?: ApiProblem | Error; loading: boolean; reload: () => void }

/** Load something from the API when `key` changes; the last answer wins. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiProblem | Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const n = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => n === latest.current && setState({ data, loading: false }),
      (error: Error) => n === latest.current && setState({ error, loading: false }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** Set the document title and move focus to the page's heading when it changes (screen readers hear the new page). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · hirewatch`;
  }, [title]);
}
