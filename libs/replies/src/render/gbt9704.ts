import { chineseDate, DomainError } from '#app/core';
import type { ReplyDocument } from '../reply-document.js';
import type { FontRole } from './fonts.js';
import { RepliesErrorCode } from '../replies.errors.js';

/**
 * GB/T 9704-2012 (党政机关公文格式) page geometry and the reply's content as styled runs, shared by the DOCX
 * and PDF renderers. Lengths are in PostScript points unless the name says otherwise.
 */
export const MM = 72 / 25.4;

export const GBT9704 = {
  pageWidthMm: 210,
  pageHeightMm: 297,
  marginTopMm: 37,
  marginBottomMm: 35,
  marginLeftMm: 28,
  marginRightMm: 26,
  /** 版心 156 mm × 225 mm. */
  textWidthMm: 156,
  textHeightMm: 225,
  linesPerPage: 22,
  charsPerLine: 28,
  /** 2号 title, 3号 body, 4号 抄送 and page numbers. */
  titleSizePt: 22,
  bodySizePt: 16,
  smallSizePt: 14,
  /** The page number's dash sits 7 mm below the bottom edge of the text block. */
  pageNumberGapMm: 7,
} as const;

/** One grid line: 225 mm / 22 ≈ 28.99 pt. */
export const LINE_PITCH = (GBT9704.textHeightMm * MM) / GBT9704.linesPerPage;
/** One character cell of body text: 156 mm / 28 ≈ 15.79 pt (3号 is 16 pt, so characters are set 0.21 pt tight). */
export const CHAR_PITCH = (GBT9704.textWidthMm * MM) / GBT9704.charsPerLine;

export const RED = '#E60012';

export interface Run {
  text: string;
  role: FontRole;
}

export interface BodyParagraph {
  runs: Run[];
  /** 一、 or （一） heading (kept with the next line when paging). */
  heading: boolean;
}

/** The signed reply, element by element, ready to lay out. */
export interface ReplyLayoutContent {
  docNumber: string;
  signer: string;
  grade: string | null;
  issuingUnit: string;
  titleLines: string[];
  addressee: string;
  paragraphs: BodyParagraph[];
  contactLines: string[];
  date: string;
  copies: string | null;
}

const FIRST_LEVEL = /^[一二三四五六七八九十百]+、/;
const SECOND_LEVEL = /^[（(][一二三四五六七八九十百]+[）)]/;

/**
 * A body line as runs: a leading 一、 heading is set in 黑体 and （一） in 楷体, up to and including the first 。
 * (a heading followed by running text on the same line), the rest in 仿宋.
 */
export function styleBodyLine(line: string): BodyParagraph {
  const role: FontRole | null = FIRST_LEVEL.test(line) ? 'hei' : SECOND_LEVEL.test(line) ? 'kai' : null;
  if (!role) return { runs: [{ text: line, role: 'body' }], heading: false };
  const stop = line.indexOf('。');
  if (stop < 0 || stop === line.length - 1) return { runs: [{ text: line, role }], heading: true };
  return {
    runs: [
      { text: line.slice(0, stop + 1), role },
      { text: line.slice(stop + 1), role: 'body' },
    ],
    heading: true,
  };
}

/** Narrow (half-width) characters take half a cell. */
export function isNarrow(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x2e80 && code !== 0x2014 && code !== 0x2026 && !(code >= 0x2018 && code <= 0x201d);
}

/** Width in body character cells (CJK 1, Latin and digits ½). */
export function cellsOf(text: string): number {
  let cells = 0;
  for (const char of text) cells += isNarrow(char) ? 0.5 : 1;
  return cells;
}

/**
 * Breaks a title that does not fit one line at a meaningful place, upper line longer (GB/T 9704 7.3.2: 回行时
 * 要做到词意完整，排列对称): before 第N号, around 《》, after 会议, before 的答复 — the most balanced break that fits.
 */
export function breakTitle(title: string, maxCells: number): string[] {
  if (cellsOf(title) <= maxCells) return [title];
  const chars = [...title];
  const candidates = new Set<number>();
  const mark = (re: RegExp, after: boolean) => {
    for (const match of title.matchAll(re)) {
      const index = [...title.slice(0, match.index)].length + (after ? [...match[0]].length : 0);
      if (index > 0 && index < chars.length) candidates.add(index);
    }
  };
  mark(/第[0-9０-９一二三四五六七八九十百千]+号/g, false);
  mark(/《/g, false);
  mark(/》/g, true);
  mark(/会议/g, true);
  mark(/的(答复|会办意见|函)$/g, false);
  let best: { index: number; score: number } | null = null;
  for (const index of candidates) {
    const upper = cellsOf(chars.slice(0, index).join(''));
    const lower = cellsOf(chars.slice(index).join(''));
    if (upper > maxCells || lower > maxCells) continue;
    // Balanced lines, and the upper one rather longer than shorter (a trapezoid, not a funnel).
    const score = Math.abs(upper - lower) + (upper < lower ? 2 : 0);
    if (!best || score < best.score) best = { index, score };
  }
  if (best) return [chars.slice(0, best.index).join(''), ...breakTitle(chars.slice(best.index).join(''), maxCells)];
  // No natural break fits: balanced lines of at most maxCells.
  const lines: string[] = [];
  const count = Math.ceil(cellsOf(title) / maxCells);
  const per = Math.ceil(chars.length / count);
  for (let i = 0; i < chars.length; i += per) lines.push(chars.slice(i, i + per).join(''));
  return lines;
}

/** A reply is rendered for dispatch only once signed off: it then has its document number, signer and date. */
export function assertSigned(doc: ReplyDocument): asserts doc is ReplyDocument & { docNumber: string; signer: string; date: string } {
  const missing = [
    doc.docNumber ? null : 'document number (发文字号)',
    doc.signer ? null : 'signer (签发人)',
    doc.date ? null : 'date (成文日期)',
  ].filter((item): item is string => item !== null);
  if (missing.length > 0) {
    throw new DomainError(
      'conflict',
      RepliesErrorCode.REPLY_NOT_SIGNED,
      `Only a signed-off reply can be rendered for dispatch: it has no ${missing.join(', ')} yet`,
      { missing },
    );
  }
}

/**
 * The reply's elements in print order. The generated opening sentence and the first body paragraph share one
 * paragraph (as in the Anyang reply) unless the body starts with a heading.
 */
export function layoutContent(doc: ReplyDocument, titleMaxCells: number): ReplyLayoutContent {
  assertSigned(doc);
  const bodyLines = doc.body
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const paragraphs = bodyLines.map(styleBodyLine);
  const opening = doc.opening.trim();
  if (opening) {
    if (paragraphs.length > 0 && !paragraphs[0].heading) {
      paragraphs[0] = { ...paragraphs[0], runs: [{ text: opening + paragraphs[0].runs[0].text, role: 'body' }, ...paragraphs[0].runs.slice(1)] };
    } else {
      paragraphs.unshift({ runs: [{ text: opening, role: 'body' }], heading: false });
    }
  }
  const contactLines: string[] = [];
  if (doc.contactUnit) contactLines.push(`联系单位：${doc.contactUnit}`);
  if (doc.contacts.length > 0) {
    contactLines.push(`联 系 人：${doc.contacts.map((contact) => contact.name).join('　')}`);
    contactLines.push(`联系电话：${doc.contacts.map((contact) => contact.phone).join('　')}`);
  }
  return {
    docNumber: doc.docNumber,
    signer: doc.signer,
    grade: doc.grade,
    issuingUnit: doc.issuingUnit,
    titleLines: breakTitle(doc.title, titleMaxCells),
    addressee: doc.addressee,
    paragraphs,
    contactLines,
    date: chineseDate(doc.date),
    // GB/T 9704 7.4.2: the last office named is followed by a full stop.
    copies: doc.copies.length > 0 ? `抄送：${doc.copies.join('、')}。` : null,
  };
}
