/** One run of a diff: lines both versions share, or lines only the older (`delete`) or newer (`insert`) has. */
export interface DiffRun {
  op: 'equal' | 'delete' | 'insert';
  lines: string[];
}

/** Above this many line pairs the diff is not worth the memory: the whole text counts as replaced. */
const MAX_CELLS = 4_000_000;

/**
 * A line diff of two texts (longest common subsequence), as runs in reading order. Replies are written
 * line by line (一、… （一）… paragraphs), so lines are the unit a reviewer compares.
 */
export function lineDiff(older: string, newer: string): DiffRun[] {
  const a = older.split('\n');
  const b = newer.split('\n');
  if (a.length * b.length > MAX_CELLS) return compact([{ op: 'delete', lines: a }, { op: 'insert', lines: b }]);
  // lengths[i][j]: length of the longest common subsequence of a[i..] and b[j..]
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const runs: DiffRun[] = [];
  const push = (op: DiffRun['op'], line: string) => {
    const last = runs[runs.length - 1];
    if (last?.op === op) last.lines.push(line);
    else runs.push({ op, lines: [line] });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('equal', a[i]);
      i += 1;
      j += 1;
    } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
      push('delete', a[i++]);
    } else {
      push('insert', b[j++]);
    }
  }
  while (i < a.length) push('delete', a[i++]);
  while (j < b.length) push('insert', b[j++]);
  return runs;
}

function compact(runs: DiffRun[]): DiffRun[] {
  return runs.filter((run) => run.lines.length > 0);
}
