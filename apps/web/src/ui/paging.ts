import type { TFunction } from 'i18next';

export const PAGE_SIZE = 10;

/** The pager of a server-paged list: fixed page size, the total shown, the page kept by the caller (in the address). */
export function pager(t: TFunction, page: number, total: number | undefined, onChange: (page: number) => void) {
  return {
    current: page,
    pageSize: PAGE_SIZE,
    total: total ?? 0,
    showSizeChanger: false,
    showTotal: (count: number) => t('app.total', { total: count }),
    onChange,
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
