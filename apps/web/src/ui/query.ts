import type { TFunction } from 'i18next';
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

/** Ant Design table paging for a list paged on the server: `page` of `total`, the page number into the address. */
export function serverPaging(t: TFunction, page: number, pageSize: number, total: number | undefined, update: (changes: Record<string, string | undefined>) => void) {
  return {
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: false,
    showTotal: (all: number) => t('app.total', { total: all }),
    onChange: (next: number) => update({ page: next > 1 ? String(next) : undefined }),
  };
}
