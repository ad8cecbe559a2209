import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  FrameAnchorType,
  HorizontalPositionAlign,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  TabStopType,
  TextRun,
  VerticalPositionAlign,
} from 'docx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { ReplyDocument } from '../reply-document.js';
import { FONT_ROLES, type FontRole, freeFallbackFamily, officialFamily } from './fonts.js';
import { CHAR_PITCH, cellsOf, GBT9704, LINE_PITCH, layoutContent, MM, RED, type Run } from './gbt9704.js';

/** Twentieths of a point, Word's unit for lengths. */
const twips = (points: number) => Math.round(points * 20);
const mm = (millimetres: number) => twips(millimetres * MM);

const TEXT_WIDTH = mm(GBT9704.textWidthMm);
const CHAR = twips(CHAR_PITCH);
const SMALL_CHAR = twips(GBT9704.smallSizePt);
/** Word's grid: 579 twips a line gives 22 lines in 225 mm. */
const LINE = Math.floor(LINE_PITCH * 20);
/** Half-points. */
const BODY_SIZE = GBT9704.bodySizePt * 2;
const TITLE_SIZE = GBT9704.titleSizePt * 2;
const SMALL_SIZE = GBT9704.smallSizePt * 2;
const UNIT_SIZE = 52;
const RED_HEX = RED.slice(1);

function run(text: string, role: FontRole, size = BODY_SIZE, color?: string): TextRun {
  return new TextRun({ text, font: officialFamily(role), size, ...(color ? { color } : {}) });
}

const runs = (items: Run[], size = BODY_SIZE) => items.map((item) => run(item.text, item.role, size));

const blank = () => new Paragraph({ children: [] });

/** 页码 "— 1 —" in 4号 宋体, on the outer side one character in: right on odd pages, left on even ones. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: SMALL_CHAR } : { left: SMALL_CHAR },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: officialFamily('song'), size: SMALL_SIZE })],
      }),
    ],
  });
}

/**
 * The font table names each official face with the free face as its alternative (w:altName) and the GB2312
 * character set, so Word and LibreOffice substitute a CJK face of the right kind when the licensed one is absent.
 */
function fontTableXml(): string {
  const seen = new Set<string>();
  const fonts = FONT_ROLES.map((role) => ({ name: officialFamily(role), alt: freeFallbackFamily(role) }))
    .filter((font) => !seen.has(font.name) && seen.add(font.name))
    .map(
      (font) =>
        `<w:font w:name="${font.name}"><w:altName w:val="${font.alt}"/><w:charset w:val="86"/>` +
        '<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>',
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`
  );
}

function withFontTable(docx: Uint8Array): Buffer {
  const { '[Content_Types].xml': contentTypes, ...files } = unzipSync(docx);
  files['word/fontTable.xml'] = strToU8(fontTableXml());
  // [Content_Types].xml first, as Office writes it; fixed entry times.
  return Buffer.from(zipSync({ '[Content_Types].xml': contentTypes, ...files }, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') }));
}

/**
 * Renders a signed reply as a DOCX laid out to GB/T 9704-2012: A4, margins 37/35/28/26 mm, a 22 × 28 document
 * grid, the official faces named (with free fallbacks in the font table).
 */
export async function renderReplyDocx(doc: ReplyDocument): Promise<Buffer> {
  const content = layoutContent(doc, Math.floor((GBT9704.textWidthMm * MM) / GBT9704.titleSizePt));
  const body = (items: Run[]) =>
    new Paragraph({ alignment: AlignmentType.BOTH, indent: { firstLine: 2 * CHAR, firstLineChars: 200 }, children: runs(items) });

  const children: Paragraph[] = [
    // 发文字号 one character in from the left; 签发人 (name in 楷体) one character in from the right.
    new Paragraph({
      indent: { left: CHAR },
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - CHAR }],
      children: [run(content.docNumber, 'body'), new TextRun({ children: [new Tab()] }), run('签发人：', 'body'), run(content.signer, 'kai')],
    }),
    // 办理结果, top right of page one.
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: CHAR },
      children: content.grade ? [run('办理结果：', 'body'), run(content.grade, 'hei')] : [],
    }),
    // 发文机关标志 in red, the red separator line under it.
    new Paragraph({
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: RED_HEX, space: 6 } },
      children: [run(content.issuingUnit, 'title', UNIT_SIZE, RED_HEX)],
    }),
    blank(),
    blank(),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: content.titleLines.map((line, index) => new TextRun({ text: line, font: officialFamily('title'), size: TITLE_SIZE, break: index > 0 ? 1 : 0 })),
    }),
    blank(),
    new Paragraph({ children: [run(content.addressee, 'body')] }),
    ...content.paragraphs.map((paragraph) => body(paragraph.runs)),
  ];
  if (content.contactLines.length > 0) {
    children.push(blank(), ...content.contactLines.map((line) => body([{ text: line, role: 'body' }])));
  }
  // 发文机关署名 centred over the 成文日期, which is four characters in from the right.
  const dateCells = cellsOf(content.date);
  const unitCells = cellsOf(content.issuingUnit);
  children.push(
    blank(),
    blank(),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      keepNext: true,
      indent: { right: Math.round((4 + (dateCells - unitCells) / 2) * CHAR) },
      children: [run(content.issuingUnit, 'body')],
    }),
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 4 * CHAR }, children: [run(content.date, 'body')] }),
  );
  // 版记: 抄送 in 4号 between two rules at the foot of the last page (a frame anchored to the bottom margin).
  if (content.copies) {
    const rule = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 };
    children.push(
      new Paragraph({
        frame: {
          type: 'alignment',
          alignment: { x: HorizontalPositionAlign.CENTER, y: VerticalPositionAlign.BOTTOM },
          anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.MARGIN },
          width: TEXT_WIDTH,
        },
        border: { top: rule, bottom: rule },
        indent: { left: SMALL_CHAR + 3 * SMALL_CHAR, hanging: 3 * SMALL_CHAR, right: SMALL_CHAR },
        children: [run(content.copies, 'body', SMALL_SIZE)],
      }),
    );
  }

  const document = new Document({
    title: doc.title,
    creator: doc.issuingUnit,
    subject: content.docNumber,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: officialFamily('body'), size: BODY_SIZE },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(GBT9704.pageWidthMm), height: mm(GBT9704.pageHeightMm) },
            margin: {
              top: mm(GBT9704.marginTopMm),
              bottom: mm(GBT9704.marginBottomMm),
              left: mm(GBT9704.marginLeftMm),
              right: mm(GBT9704.marginRightMm),
              header: mm(15),
              // The page number's top edge 7 mm below the text block.
              footer: mm(GBT9704.marginBottomMm - GBT9704.pageNumberGapMm) - twips(LINE_PITCH),
            },
          },
          grid: {
            type: DocumentGridType.LINES_AND_CHARS,
            linePitch: LINE,
            // Character pitch = 16 pt + charSpace/4096 pt, giving 28 characters in 156 mm.
            charSpace: Math.round((CHAR_PITCH - GBT9704.bodySizePt) * 4096),
          },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
  return withFontTable(await Packer.toBuffer(document));
}
