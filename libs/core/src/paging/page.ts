/** One page of a list: the items, the total over all pages, and the window asked for. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
