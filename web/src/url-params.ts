/** Reading and writing list filters kept in the address, so a filtered list can be shared and reloaded. */
import { useSearchParams } from 'react-router-dom';

export function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback;
}

/**
 * The address's query and a setter that changes some entries: empty values are removed, and so are
 * page 1 and the default page size, to keep the address short.
 */
export function useQueryState(defaultPageSize: number) {
  const [params, setParams] = useSearchParams();
  function setQuery(changes: Record<string, string | number | boolean | undefined>) {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(name);
      else next.set(name, String(value));
    }
    if (next.get('page') === '1') next.delete('page');
    if (next.get('pageSize') === String(defaultPageSize)) next.delete('pageSize');
    setParams(next);
  }
  return [params, setQuery] as const;
}
