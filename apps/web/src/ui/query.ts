import { useSearchParams } from 'react-router';

/**
 * The page's filters kept in the address (so back, reload and a shared link keep them): the current
 * parameters and a setter that changes some and drops those set to nothing.
 */
export function useQueryState(): [URLSearchParams, (changes: Record<string, string | undefined>) => void] {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };
  return [params, update];
}
