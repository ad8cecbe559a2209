import { DomainError } from '#app/core';

/**
 * Full-text search in Chinese by character n-grams (ADR 11). Text is searched as **runs** of letters and
 * digits — Han characters included — after NFKC folding and lower-casing (ＰＭ２.５ → pm2.5); anything else
 * (punctuation, spaces) separates runs and takes one empty position, however long. Each character takes
 * one position, where it is indexed itself and with the character after it in its run (诈骗案 → 诈 诈骗
 * 骗 骗案 案). A query word becomes a phrase of pairs at their exact distances, so what is found is what a
 * substring match finds — a two-character word such as 诈骗 included — with no dictionary to keep and
 * nothing lost inside words (separators count as one: PM2.5 also finds "PM2 .5", never "PM25").
 *
 * The index itself is a PostgreSQL `tsvector` written from here as a literal (no text-search
 * configuration is involved), and the query a `tsquery` literal; highlights are computed here by the
 * same rule, so a highlighted passage is exactly a match.
 */

/** A field's weight in the vector: it ranks (A highest) and lets a query look at some fields only. */
export type SearchWeight = 'A' | 'B' | 'C' | 'D';

export interface SearchField {
  text: string;
  weight: SearchWeight;
}

/** PostgreSQL keeps positions 1 … 16,383 (later ones collapse onto the last) and 256 positions per lexeme. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 256;
/** Positions left empty between fields, so no phrase runs from the end of one field into the next. */
const FIELD_GAP = 8;

const SEARCHABLE = /[\p{L}\p{N}]/u;
const ASCII_UPPER = /[A-Z]/;
const folded = new Map<string, string>();

/** One character as searched: NFKC (full-width forms, ligatures, circled digits…) and lower case. */
function foldChar(char: string): string {
  if ((char.codePointAt(0) as number) < 0x80) return ASCII_UPPER.test(char) ? char.toLowerCase() : char;
  let result = folded.get(char);
  if (result === undefined) {
    result = char.normalize('NFKC').toLowerCase();
    folded.set(char, result);
  }
  return result;
}

/** Where a text has a separator (punctuation, space…): one empty position, whatever its length. */
const GAP = '\u0000';

/**
 * A text as searched: a sequence of positions, each a folded character or a GAP standing for the
 * separator between two runs, with the span of the original text each came from (for highlighting).
 * Runs are separated by exactly one gap in texts and queries alike, so a phrase never jumps one.
 */
interface FoldedText {
  chars: string[];
  from: number[];
  to: number[];
}

function foldText(text: string, spans = true): FoldedText {
  const out: FoldedText = { chars: [], from: [], to: [] };
  const push = (char: string, from: number, to: number) => {
    out.chars.push(char);
    if (!spans) return;
    out.from.push(from);
    out.to.push(to);
  };
  let offset = 0;
  for (const char of text) {
    const next = offset + char.length;
    const code = char.codePointAt(0) as number;
    if (code >= 0x4e00 && code <= 0x9fff) {
      // Fast path: the CJK Unified Ideographs, nearly all of a Chinese text, fold to themselves.
      push(char, offset, next);
    } else {
      for (const piece of foldChar(char)) {
        const last = out.chars.length - 1;
        if (SEARCHABLE.test(piece)) push(piece, offset, next);
        else if (last >= 0 && out.chars[last] !== GAP) push(GAP, offset, next);
        else if (last >= 0 && spans) out.to[last] = next;
      }
    }
    offset = next;
  }
  if (out.chars[out.chars.length - 1] === GAP) {
    out.chars.pop();
    out.from.pop();
    out.to.pop();
  }
  return out;
}

/** A lexeme in a literal: only letters and digits ever reach here, so no quote or backslash needs escaping. */
function quote(lexeme: string): string {
  return `'${lexeme}'`;
}

/**
 * The `tsvector` literal of some fields, in order: at each character's position, the pair it starts
 * within its run, or the character alone where the run ends (so every character is findable: a query's
 * 1-character run is a prefix match, `5:*` finding 5 in 5G and at the end of PM2.5), labelled with the
 * field's weight. Single characters inside runs are not indexed: they would add 40% to every vector and
 * the longest posting lists to the index for nothing a query needs. Put long fields last: positions past
 * 16,383 are not kept (text that far is found by its pairs, not by longer phrases there).
 */
export function searchVector(fields: readonly SearchField[]): string {
  const lexemes: string[] = [];
  for (const [lexeme, list] of searchLexemes(fields)) {
    lexemes.push(`${quote(lexeme)}:${list.map((entry) => `${entry & POSITION_MASK}${WEIGHT_LETTERS[entry >> 14]}`).join(',')}`);
  }
  return lexemes.join(' ');
}

/** A weight as PostgreSQL stores it in a position's top two bits (`WordEntryPos`: D 0 … A 3). */
const WEIGHT_BITS: Readonly<Record<SearchWeight, number>> = { A: 3, B: 2, C: 1, D: 0 };
const WEIGHT_LETTERS = ['D', 'C', 'B', 'A'] as const;
const POSITION_MASK = 0x3fff;

/**
 * What `searchVector` writes, before it is written: each lexeme with its positions in increasing order,
 * each as PostgreSQL's `WordEntryPos` (position in the low 14 bits, weight in the top two). For writers
 * that send `tsvector`s in PostgreSQL's binary format (the bench's data generator).
 */
export function searchLexemes(fields: readonly SearchField[]): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  const add = (lexeme: string, entry: number) => {
    const list = positions.get(lexeme);
    if (!list) positions.set(lexeme, [entry]);
    else if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(entry);
  };
  let next = 1;
  for (const field of fields) {
    const { chars } = foldText(field.text, false);
    const weight = WEIGHT_BITS[field.weight] << 14;
    for (let i = 0; i < chars.length && next + i <= MAX_POSITION; i += 1) {
      if (chars[i] === GAP) continue;
      const entry = (next + i) | weight;
      if (i + 1 < chars.length && chars[i + 1] !== GAP) add(chars[i] + chars[i + 1], entry);
      else add(chars[i], entry); // the last character of a run: no pair starts here
    }
    next += chars.length + FIELD_GAP;
  }
  return positions;
}

/** One word of a query: its positions (folded characters and gaps), matched as one phrase. */
interface QueryWord {
  chars: string[];
  /** searchable characters, gaps not counted */
  length: number;
}

/** A parsed search query: its words, as a `tsquery` and as a matcher for highlights. */
export interface SearchQuery {
  readonly words: readonly QueryWord[];
  /** The query as a `tsquery` literal; with `weights` (e.g. 'A', 'ABC') only fields of those weights match. */
  tsquery(weights?: string): string;
}

/** At most this many words (q is at most 100 characters anyway). */
const MAX_WORDS = 10;

/**
 * Parses what someone typed: words separated by spaces, all of which must be found (AND). A word must
 * have at least 2 searchable characters for the query to stand — one character alone (市, 的) would
 * match nearly every proposal — though a 1-character word may come along with a longer one. A query of
 * only punctuation, or only 1-character words, is a 400 naming `q`.
 */
export function parseSearchQuery(q: string, field = 'q'): SearchQuery {
  const seen = new Set<string>();
  const words: QueryWord[] = [];
  for (const part of q.split(/\s+/u)) {
    const { chars } = foldText(part);
    const key = chars.join('');
    if (chars.length === 0 || seen.has(key)) continue;
    seen.add(key);
    words.push({ chars, length: chars.filter((char) => char !== GAP).length });
  }
  if (!words.some((word) => word.length >= 2)) {
    throw DomainError.invalidField(
      field,
      `${field} must contain a word of at least 2 characters (Chinese characters, letters or digits); one character alone matches nearly everything`,
    );
  }
  if (words.length > MAX_WORDS) throw DomainError.invalidField(field, `${field} may have at most ${MAX_WORDS} words`);
  return {
    words,
    tsquery: (weights = '') => words.map((word) => `(${phrase(word, weights)})`).join(' & '),
  };
}

/**
 * A word as a phrase of the fewest lexemes that pin it down: each run covered by pairs every second
 * character (the last pair overlapping when the run is odd), a 1-character run as a prefix (the pairs it
 * starts, or itself at a run's end), at the exact distances between them (加强农村饮水安全 → 加强 <2> 农村
 * <2> 饮水 <2> 安全).
 */
function phrase(word: QueryWord, weights: string): string {
  const pieces: Array<{ lexeme: string; at: number; prefix?: boolean }> = [];
  const { chars } = word;
  for (let start = 0; start < chars.length; ) {
    let end = start;
    while (end < chars.length && chars[end] !== GAP) end += 1;
    const run = chars.slice(start, end);
    if (run.length === 1) {
      pieces.push({ lexeme: run[0], at: start, prefix: true });
    } else {
      for (let i = 0; i + 1 < run.length; i += 2) pieces.push({ lexeme: run[i] + run[i + 1], at: start + i });
      if (run.length % 2 === 1) pieces.push({ lexeme: run[run.length - 2] + run[run.length - 1], at: end - 2 });
    }
    start = end + 1;
  }
  const label = (piece: { prefix?: boolean }) => (piece.prefix || weights ? `:${piece.prefix ? '*' : ''}${weights}` : '');
  return pieces.map((piece, i) => (i === 0 ? '' : ` <${piece.at - pieces[i - 1].at}> `) + quote(piece.lexeme) + label(piece)).join('');
}

/** Where the highlighted text came from. */
export type HighlightField = 'title' | 'body' | 'reply' | 'unit' | 'member' | 'summary';

export interface Highlight {
  field: HighlightField;
  /** A short passage, HTML-escaped, with each match wrapped in `<mark>…</mark>`. */
  text: string;
}

export interface HighlightSource {
  field: HighlightField;
  texts: readonly string[];
}

const SNIPPET_LENGTH = 60;
const LEAD_IN = 16;

/** The spans of `text` (original offsets, merged) that the query's words match, by the index's rule. */
export function matchSpans(text: string, query: SearchQuery): Array<[number, number]> {
  const t = foldText(text);
  const spans: Array<[number, number]> = [];
  for (const word of query.words) {
    const target = word.chars;
    for (let start = 0; start + target.length <= t.chars.length; start += 1) {
      let k = 0;
      while (k < target.length && t.chars[start + k] === target[k]) k += 1;
      if (k === target.length) spans.push([t.from[start], t.to[start + target.length - 1]]);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char]);

/** A passage of `text` from `start` to `end` with the spans inside it marked; the rest escaped, white space collapsed. */
function passage(text: string, start: number, end: number, spans: Array<[number, number]>): string {
  let out = start > 0 ? '…' : '';
  let at = start;
  for (const [from, to] of spans) {
    if (from < start || to > end) continue;
    out += escapeHtml(text.slice(at, from).replace(/\s+/g, ' ')) + `<mark>${escapeHtml(text.slice(from, to).replace(/\s+/g, ' '))}</mark>`;
    at = to;
  }
  return out + escapeHtml(text.slice(at, end).replace(/\s+/g, ' ')) + (end < text.length ? '…' : '');
}

/** Windows of about 60 characters around the matches of one text, each holding whole matches only. */
function windows(text: string, spans: Array<[number, number]>): Array<[number, number]> {
  const result: Array<[number, number]> = [];
  let i = 0;
  while (i < spans.length) {
    const start = Math.max(0, Math.min(spans[i][0] - LEAD_IN, text.length - SNIPPET_LENGTH));
    let end = Math.max(spans[i][1], Math.min(text.length, start + SNIPPET_LENGTH));
    i += 1;
    while (i < spans.length && spans[i][0] < end) {
      end = Math.max(end, spans[i][1]);
      i += 1;
    }
    result.push([start, end]);
  }
  return result;
}

/**
 * Up to `max` passages where the query matches, from the sources in the order given (the first passage
 * of each source first, then further ones), each HTML-escaped with the matches in `<mark>`.
 */
export function highlights(sources: readonly HighlightSource[], query: SearchQuery, max = 3): Highlight[] {
  const found = sources.map((source) =>
    source.texts.flatMap((text) => {
      const spans = matchSpans(text, query);
      return windows(text, spans).map(([start, end]) => ({ field: source.field, text: passage(text, start, end, spans) }));
    }),
  );
  const result: Highlight[] = [];
  for (let round = 0; result.length < max && found.some((list) => list.length > round); round += 1) {
    for (const list of found) if (list[round] && result.length < max) result.push(list[round]);
  }
  return result;
}
