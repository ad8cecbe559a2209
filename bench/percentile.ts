/** The p-th percentile (nearest rank) of values sorted ascending; 0 for none. Every bench prints its figures with this. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
