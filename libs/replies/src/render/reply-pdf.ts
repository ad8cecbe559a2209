import PDFDocument from 'pdfkit';
import type { ReplyDocument } from '../reply-document.js';
import { FONT_ROLES, type FontRole, type FontSet, machineFonts } from './fonts.js';
import { CHAR_PITCH, GBT9704, LINE_PITCH, layoutContent, MM, RED, type Run } from './gbt9704.js';

const PAGE_WIDTH = GBT9704.pageWidthMm * MM;
const PAGE_HEIGHT = GBT9704.pageHeightMm * MM;
const LEFT = GBT9704.marginLeftMm * MM;
const TOP = GBT9704.marginTopMm * MM;
const TEXT_WIDTH = GBT9704.textWidthMm * MM;
const TEXT_HEIGHT = GBT9704.textHeightMm * MM;
const RIGHT = LEFT + TEXT_WIDTH;
const BODY = GBT9704.bodySizePt;
const TITLE = GBT9704.titleSizePt;
const SMALL = GBT9704.smallSizePt;
/** 发文机关标志: larger than the title, well inside one grid line. */
const UNIT_SIZE = 26;
/** Where the baseline sits in a CJK em box (ideographic em box: 0.88 above, 0.12 below). */
const EM_ASCENT = 0.88;

/** Narrow runs that must not be split across lines: numbers, Latin words, 786.02%, yazi73822. */
const WORD_CHAR = /[A-Za-z0-9.,%+\-/@_:#&]/;
/** 避头: may not begin a line. */
const NO_LINE_START = new Set([...'，。、；：？！）》」』”’〕】…—%·,.;:?!)]}']);
/** 避尾: may not end a line. */
const NO_LINE_END = new Set([...'（《「『“‘〔【([{']);

interface Glyph {
  text: string;
  role: FontRole;
  /** Advance including the grid's character spacing. */
  width: number;
}

interface Line {
  glyphs: Glyph[];
  width: number;
  /** Left indent in points. */
  indent: number;
  /** Stretch to the full measure (every line of a paragraph but its last). */
  justify: boolean;
}

/** A face as fontkit parsed it; pdfkit takes one in place of a file or bytes (it checks for `layout`). */
interface ParsedFace {
  layout(text: string): unknown;
  hasGlyphForCodePoint?(codePoint: number): boolean;
}

/** The fontkit faces pdfkit keeps: the current font's, and each font used by registered name (not in pdfkit's typings). */
interface PdfFonts {
  _font?: { font?: ParsedFace };
  _fontFamilies?: Record<string, { font?: ParsedFace } | undefined>;
}

/**
 * Faces parsed once per process, by file and face, shared by every PDF rendered after the first. Given a file
 * name, pdfkit reads and parses the whole face for each document: the CJK faces are 17–27 MB each, so every
 * PDF read ~90 MB into Buffers that stayed until a major GC, which is what held the API's resident memory at
 * ~520 MB under load (bench/README.md, "API memory"). A shared face costs its file once (~90 MB for the free
 * faces) and nothing per document; each document still makes its own subset, and the bytes are unchanged
 * (render.int-spec renders twice and compares).
 */
const parsedFaces = new Map<string, ParsedFace>();

/** Lays the reply out on GB/T 9704 grid lines (22 per page) and draws it with pdfkit. */
class ReplyPdfWriter {
  readonly pdf: PDFKit.PDFDocument;
  private page = 0;
  /** Next free grid line on the current page, 0-based. */
  private slot = 0;
  private readonly widths = new Map<string, number>();
  private readonly coverage = new Map<string, boolean>();
  private readonly fontName = {} as Record<FontRole, string>;
  /** Registered name → face id (file#face), for the faces this document parses itself. */
  private readonly unparsed = new Map<string, string>();

  constructor(fonts: FontSet, info: PDFKit.DocumentInfo) {
    this.pdf = new PDFDocument({ size: [PAGE_WIDTH, PAGE_HEIGHT], margin: 0, autoFirstPage: false, info, pdfVersion: '1.7', lang: 'zh-CN' });
    // One registration per distinct face: pdfkit re-parses a face registered under a second name on every use.
    const keys = new Map<string, string>();
    for (const role of FONT_ROLES) {
      const face = fonts[role];
      const id = `${face.file}#${face.postscriptName ?? ''}`;
      if (!keys.has(id)) {
        keys.set(id, role);
        const parsed = parsedFaces.get(id);
        if (parsed) this.pdf.registerFont(role, parsed as unknown as Buffer);
        else {
          this.unparsed.set(role, id);
          if (face.postscriptName) this.pdf.registerFont(role, face.file, face.postscriptName);
          else this.pdf.registerFont(role, face.file);
        }
      }
      this.fontName[role] = keys.get(id) as string;
    }
    this.newPage();
  }

  /** Keeps the faces this document parsed from their files for the next documents ({@link parsedFaces}). */
  keepParsedFaces(): void {
    const families = (this.pdf as unknown as PdfFonts)._fontFamilies ?? {};
    for (const [name, id] of this.unparsed) {
      const parsed = families[name]?.font;
      if (parsed && typeof parsed.layout === 'function' && !parsedFaces.has(id)) parsedFaces.set(id, parsed);
    }
  }

  newPage(): void {
    this.pdf.addPage({ size: [PAGE_WIDTH, PAGE_HEIGHT], margin: 0 });
    this.page += 1;
    this.slot = 0;
    this.drawPageNumber();
  }

  get slotsLeft(): number {
    return GBT9704.linesPerPage - this.slot;
  }

  get currentSlot(): number {
    return this.slot;
  }

  /** Moves on n grid lines (blank lines), starting a page when the current one is full. */
  skip(lines = 1): void {
    this.slot = Math.min(this.slot + lines, GBT9704.linesPerPage);
  }

  /** Makes sure the next `lines` grid lines are on one page. */
  keep(lines: number): void {
    if (this.slotsLeft < lines) this.newPage();
  }

  baseline(slot: number, size: number): number {
    return TOP + slot * LINE_PITCH + (LINE_PITCH - size) / 2 + size * EM_ASCENT;
  }

  /**
   * 页码: "— 1 —" in 4号 宋体 7 mm below the text block, on the outer side one character in (odd right, even
   * left); the dashes stand half a character off the number.
   */
  private drawPageNumber(): void {
    const pieces = ['—', String(this.page), '—'].map((text) => this.glyphs([{ text, role: 'song' }], SMALL, 0));
    const gap = SMALL / 2;
    const width = pieces.flat().reduce((sum, glyph) => sum + glyph.width, 0) + 2 * gap;
    let x = this.page % 2 === 1 ? RIGHT - SMALL - width : LEFT + SMALL;
    const baseline = TOP + TEXT_HEIGHT + GBT9704.pageNumberGapMm * MM + SMALL * EM_ASCENT;
    for (const glyphs of pieces) {
      this.drawGlyphs(glyphs, x, baseline, SMALL, 0, 0);
      x += glyphs.reduce((sum, glyph) => sum + glyph.width, 0) + gap;
    }
  }

  private roleFor(char: string, role: FontRole): FontRole {
    for (const candidate of [role, 'body', 'song', 'hei'] as const) {
      const key = `${candidate}|${char}`;
      let has = this.coverage.get(key);
      if (has === undefined) {
        this.pdf.font(this.fontName[candidate]);
        const face = (this.pdf as unknown as PdfFonts)._font?.font;
        has = face?.hasGlyphForCodePoint ? face.hasGlyphForCodePoint(char.codePointAt(0) ?? 0) : true;
        this.coverage.set(key, has);
      }
      if (has) return candidate;
    }
    return role;
  }

  private glyphs(runs: Run[], size: number, spacing: number): Glyph[] {
    const glyphs: Glyph[] = [];
    for (const run of runs) {
      for (const char of run.text) {
        const role = this.roleFor(char, run.role);
        const key = `${role}|${size}|${char}`;
        let advance = this.widths.get(key);
        if (advance === undefined) {
          advance = this.pdf.font(this.fontName[role]).fontSize(size).widthOfString(char);
          this.widths.set(key, advance);
        }
        glyphs.push({ text: char, role, width: advance + spacing });
      }
    }
    return glyphs;
  }

  /**
   * Breaks runs into lines of at most `measure` points (the first line indented by `firstIndent`, the others by
   * `restIndent`), keeping Latin words and numbers whole and honouring 避头尾 (no ，。） at a line start, no （《 at an end).
   */
  lines(runs: Run[], size: number, spacing: number, firstIndent: number, restIndent = 0, measure = TEXT_WIDTH): Line[] {
    const tokens: Glyph[][] = [];
    for (const glyph of this.glyphs(runs, size, spacing)) {
      const last = tokens.at(-1);
      const lastGlyph = last?.at(-1);
      if (last && lastGlyph && WORD_CHAR.test(glyph.text) && WORD_CHAR.test(lastGlyph.text)) last.push(glyph);
      else tokens.push([glyph]);
    }
    const widthOf = (items: Glyph[][]) => items.reduce((sum, token) => sum + token.reduce((s, g) => s + g.width, 0), 0);
    const lines: Line[] = [];
    let line: Glyph[][] = [];
    const available = () => measure - (lines.length === 0 ? firstIndent : restIndent);
    for (const token of tokens) {
      if (line.length > 0 && widthOf(line) + widthOf([token]) > available() + 0.01) {
        const carry: Glyph[][] = [];
        if (NO_LINE_START.has(token[0].text)) {
          while (line.length > 1 && (carry.length === 0 || NO_LINE_START.has(carry[0][0].text))) carry.unshift(line.pop() as Glyph[]);
        }
        while (line.length > 1 && NO_LINE_END.has((line.at(-1) as Glyph[]).at(-1)?.text ?? '')) carry.unshift(line.pop() as Glyph[]);
        lines.push({ glyphs: line.flat(), width: widthOf(line), indent: lines.length === 0 ? firstIndent : restIndent, justify: true });
        line = carry;
      }
      line.push(token);
    }
    if (line.length > 0) {
      lines.push({ glyphs: line.flat(), width: widthOf(line), indent: lines.length === 0 ? firstIndent : restIndent, justify: false });
    }
    return lines;
  }

  /** Draws a line on the next grid line, justified to the measure unless it ends its paragraph. */
  drawLine(line: Line, size: number, spacing: number, measure = TEXT_WIDTH): void {
    if (this.slotsLeft < 1) this.newPage();
    const gaps = line.glyphs.length - 1;
    const extra = line.justify && gaps > 0 ? Math.max(0, measure - line.indent - line.width) / gaps : 0;
    this.drawGlyphs(line.glyphs, LEFT + line.indent, this.baseline(this.slot, size), size, spacing, extra);
    this.slot += 1;
  }

  /** Draws text on the next grid line at a fixed x (`align` left) or ending at x (`align` right), or centred. */
  drawAt(runs: Run[], size: number, align: 'left' | 'right' | 'center', x: number, color = 'black'): void {
    if (this.slotsLeft < 1) this.newPage();
    const glyphs = this.glyphs(runs, size, 0);
    const width = glyphs.reduce((sum, glyph) => sum + glyph.width, 0);
    const start = align === 'left' ? x : align === 'right' ? x - width : x - width / 2;
    this.pdf.fillColor(color);
    this.drawGlyphs(glyphs, start, this.baseline(this.slot, size), size, 0, 0);
    this.pdf.fillColor('black');
  }

  /** Text on the same grid line as the previous drawAt (for a left and a right part on one line). */
  nextLine(): void {
    this.slot += 1;
  }

  rule(y: number, thickness: number, color: string): void {
    this.pdf.save().moveTo(LEFT, y).lineTo(RIGHT, y).lineWidth(thickness).strokeColor(color).stroke().restore();
  }

  /** Same-font stretches are drawn as one string with the grid spacing (Tc); stretches are placed explicitly. */
  private drawGlyphs(glyphs: Glyph[], x: number, baseline: number, size: number, spacing: number, extra: number): void {
    let start = 0;
    let cursor = x;
    while (start < glyphs.length) {
      let end = start + 1;
      while (end < glyphs.length && glyphs[end].role === glyphs[start].role) end += 1;
      const stretch = glyphs.slice(start, end);
      this.pdf
        .font(this.fontName[stretch[0].role])
        .fontSize(size)
        .text(
          stretch.map((glyph) => glyph.text).join(''),
          cursor,
          baseline,
          { lineBreak: false, baseline: 'alphabetic', characterSpacing: spacing + extra },
        );
      cursor += stretch.reduce((sum, glyph) => sum + glyph.width + extra, 0);
      start = end;
    }
  }
}

/** Fixed metadata dates (the reply's own date, China time) keep the bytes, and so the SHA-256, stable. */
function documentDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00+08:00`);
}

/**
 * Renders a signed reply as a PDF laid out to GB/T 9704-2012, fonts embedded as subsets. The same document and
 * fonts always give the same bytes.
 */
export async function renderReplyPdf(doc: ReplyDocument, fonts: FontSet = machineFonts()): Promise<Buffer> {
  const content = layoutContent(doc, Math.floor(TEXT_WIDTH / TITLE));
  const date = documentDate(doc.date as string);
  const writer = new ReplyPdfWriter(fonts, {
    Title: doc.title,
    Author: doc.issuingUnit,
    Subject: content.docNumber,
    Creator: 'cppcc-proposals',
    Producer: 'cppcc-proposals (PDFKit)',
    CreationDate: date,
    ModDate: date,
  });
  const chunks: Buffer[] = [];
  writer.pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    writer.pdf.on('end', () => resolve(Buffer.concat(chunks)));
    writer.pdf.on('error', reject);
  });

  const spacing = CHAR_PITCH - BODY;
  const indent2 = 2 * CHAR_PITCH;

  // 版头: 发文字号 one character in from the left, 签发人 (name in 楷体) one character in from the right.
  writer.drawAt([{ text: content.docNumber, role: 'body' }], BODY, 'left', LEFT + CHAR_PITCH);
  const labelledRight = (label: string, value: string, role: FontRole): void =>
    writer.drawAt(
      [
        { text: label, role: 'body' },
        { text: value, role },
      ],
      BODY,
      'right',
      RIGHT - CHAR_PITCH,
    );
  labelledRight('签发人：', content.signer, 'kai');
  writer.nextLine();
  // 办理结果 marked top right of page one.
  if (content.grade) labelledRight('办理结果：', content.grade, 'hei');
  writer.nextLine();
  // 发文机关标志 in red 小标宋, the red separator line under it, the title two lines below the line.
  writer.drawAt([{ text: content.issuingUnit, role: 'title' }], UNIT_SIZE, 'center', LEFT + TEXT_WIDTH / 2, RED);
  writer.nextLine();
  writer.rule(TOP + writer.currentSlot * LINE_PITCH + 4 * MM, 1, RED);
  writer.skip(2);
  for (const line of content.titleLines) {
    writer.drawAt([{ text: line, role: 'title' }], TITLE, 'center', LEFT + TEXT_WIDTH / 2);
    writer.nextLine();
  }
  writer.skip(1);
  // 主送 flush left, then the body with a two-character first-line indent, justified on the 28-character grid.
  for (const line of writer.lines([{ text: content.addressee, role: 'body' }], BODY, spacing, 0)) writer.drawLine(line, BODY, spacing);
  for (const paragraph of content.paragraphs) {
    const lines = writer.lines(paragraph.runs, BODY, spacing, indent2);
    // A heading never ends a page on its own.
    if (paragraph.heading) writer.keep(Math.min(lines.length + 1, GBT9704.linesPerPage));
    for (const line of lines) writer.drawLine(line, BODY, spacing);
  }
  // 联系单位 / 联系人 / 联系电话.
  if (content.contactLines.length > 0) {
    writer.skip(1);
    writer.keep(content.contactLines.length);
    for (const text of content.contactLines) {
      for (const line of writer.lines([{ text, role: 'body' }], BODY, spacing, indent2, indent2)) writer.drawLine({ ...line, justify: false }, BODY, spacing);
    }
  }
  // 发文机关署名 centred over the 成文日期, which is set four characters in from the right (GB/T 9704 7.3.5.1).
  writer.skip(2);
  writer.keep(2);
  const dateRight = RIGHT - 4 * CHAR_PITCH;
  const dateWidth = writer.lines([{ text: content.date, role: 'body' }], BODY, spacing, 0)[0].width;
  writer.drawAt([{ text: content.issuingUnit, role: 'body' }], BODY, 'center', dateRight - dateWidth / 2);
  writer.nextLine();
  writer.drawAt([{ text: content.date, role: 'body' }], BODY, 'right', dateRight);
  writer.nextLine();
  // 版记: 抄送 in 4号 at the foot of the last page between two rules as wide as the text block, wrapped under
  // the first office named.
  if (content.copies) {
    const head = '抄送：';
    const lines = writer.lines([{ text: content.copies, role: 'body' }], SMALL, 0, SMALL, SMALL + head.length * SMALL, TEXT_WIDTH - SMALL);
    if (writer.slotsLeft < lines.length + 1) writer.newPage();
    const first = GBT9704.linesPerPage - lines.length;
    writer.skip(first - writer.currentSlot);
    writer.rule(TOP + first * LINE_PITCH, 0.35 * MM, 'black');
    for (const line of lines) writer.drawLine({ ...line, justify: false }, SMALL, 0);
    writer.rule(TOP + TEXT_HEIGHT, 0.35 * MM, 'black');
  }
  writer.pdf.end();
  const bytes = await finished;
  writer.keepParsedFaces();
  return bytes;
}
