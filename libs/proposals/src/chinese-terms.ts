/**
 * Terms of Chinese text for finding proposals that look alike. Chinese has no spaces, so a run of Han
 * characters becomes its overlapping character pairs (bigrams: 金融理财 → 金融 融理 理财), which catches
 * shared words without a dictionary; runs of Latin letters and digits count as whole words. Words that
 * nearly every proposal has (关于, 提案, 建议, …) carry no meaning and are cut out first.
 */

/**
 * Words of the proposal genre itself, present in almost every title or body; they are cut out before
 * pairing, so they neither match nor glue their neighbours into pairs (关于严厉… gives no 于严).
 */
const GENRE_WORDS = [
  '关于', '的提案', '的建议', '提案', '建议', '我市', '进一步', '加强', '推进', '完善', '提高', '提升', '问题', '工作',
  '有关', '相关', '部门', '目前', '存在', '一些', '方面', '通过', '以及', '我们', '需要', '应当', '情况分析', '具体',
  '切实', '积极', '不断', '当前', '实现',
];
const GENRE = new RegExp(GENRE_WORDS.sort((a, b) => b.length - a.length).join('|'), 'gu');

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{Script=Han}]+|[a-z0-9]+/gu;

/** The distinct terms of a text: Han bigrams (a lone Han character counts alone) and Latin/digit words. */
export function chineseTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const [run] of text.normalize('NFKC').toLowerCase().replace(GENRE, ' ').matchAll(WORD)) {
    if (!HAN.test(run)) {
      if (run.length >= 2) terms.add(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) {
      terms.add(run);
      continue;
    }
    for (let i = 0; i + 1 < chars.length; i += 1) terms.add(chars[i] + chars[i + 1]);
  }
  return [...terms];
}

/**
 * A term as a 32-bit number (FNV-1a over its UTF-16 code units), so PostgreSQL can intersect two
 * proposals' terms as sorted integer arrays (intarray) instead of comparing strings pairwise.
 */
export function termHash(term: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i += 1) {
    hash ^= term.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** The terms of a text as sorted, distinct hashes: what a proposal stores and what queries send. */
export function termHashes(text: string): number[] {
  return [...new Set(chineseTerms(text).map(termHash))].sort((a, b) => a - b);
}

/** Cosine similarity of two term sets (0 … 1): shared terms over the geometric mean of the sizes. */
export function termSimilarity<T>(a: readonly T[], b: readonly T[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const smaller = a.length <= b.length ? a : b;
  const larger = new Set(a.length <= b.length ? b : a);
  let shared = 0;
  for (const term of smaller) if (larger.has(term)) shared += 1;
  return shared / Math.sqrt(a.length * b.length);
}

/** Weight of the title in a proposal's similarity; the body (情况分析, 具体建议) has the rest. */
export const TITLE_WEIGHT = 0.6;

/** How alike two proposals are (0 … 1), from their titles and bodies. */
export function proposalSimilarity<T>(a: { titleTerms: readonly T[]; bodyTerms: readonly T[] }, b: { titleTerms: readonly T[]; bodyTerms: readonly T[] }): number {
  return TITLE_WEIGHT * termSimilarity(a.titleTerms, b.titleTerms) + (1 - TITLE_WEIGHT) * termSimilarity(a.bodyTerms, b.bodyTerms);
}
