/**
 * Loads server data for a page: re-runs when `deps` change, cancels the request that is no longer
 * wanted, and hands failures to the one request-error handler.
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { isAbortError } from './api';
import { useRequestErrorHandler } from './request-error';

export interface Remote<T> {
  data: T | undefined;
  loading: boolean;
  reload: () => void;
}

export function useRemote<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Remote<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const handleError = useRequestErrorHandler();
  // The latest loader, so callers need not memoise it; `deps` decide when to load again.
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    loadRef
      .current(controller.signal)
      .then((value) => {
        if (!controller.signal.aborted) setData(value);
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted && !isAbortError(error)) handleError(error);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [...deps, generation, handleError]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { data, loading, reload };
}
