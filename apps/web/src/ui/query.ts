import type { TFunction } from 'i18next';
import { useSearchParams } from 'react-router';

/** Rows per page of every server-paged list. */
export const PAGE_SIZE = 10;

type Update = (changes: Record<string, string | undefined>) => void;

/**
 * The page's filters kept in the address (so back, reload and a shared link keep them): the current
 * parameters and a setter that changes some and drops those set to nothing.
 */
export function useQueryState(): [URLSearchParams, Update] {
  const [params, setParams] = useSearchParams();
  const update: Update = (changes) => {
    // From the address as it is now, not as this render saw it: two changes in quick succession (a stage
    // picked, then a search entered before the page re-rendered) must both stay; the second dropped the
    // first when it started from the render's parameters (a browser spec caught it once in 4 full runs).
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };
  return [params, update];
}

/** The page number in the address (`page`, from 1; anything else is page 1). */
export const pageOf = (params: URLSearchParams): number => Math.max(1, Number(params.get('page') ?? '1') || 1);

/** Ant Design table paging for a list paged on the server: `page` of `total`, the page number into the address. */
export function pager(t: TFunction, page: number, total: number | undefined, update: Update, pageSize = PAGE_SIZE) {
  return {
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: false,
    showTotal: (all: number) => t('app.total', { total: all }),
    onChange: (next: number) => update({ page: next > 1 ? String(next) : undefined }),
  };
}

/** A search box's props for a list searched on the server (the query kept in the address; give the box `key={q}`). */
export function searchBox(label: string, q: string, searchLabel: string, onSearch: (q: string | undefined) => void) {
  return {
    'aria-label': label,
    placeholder: label,
    defaultValue: q,
    allowClear: true,
    enterButton: searchLabel,
    onSearch: (value: string) => onSearch(value.trim() || undefined),
    className: 'filter-search',
  };
}
