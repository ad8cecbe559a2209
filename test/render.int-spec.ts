import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync, unzlibSync } from 'fflate';
import { DomainError } from '#app/core';
import { ANYANG_CONTACTS, ANYANG_REPLY_FILE, anyangReplyBody, readSeed } from '#app/demo';
import {
  breakTitle,
  findFonts,
  type FontSet,
  GBT9704,
  MissingFontError,
  MM,
  renderReplyDocx,
  renderReplyPdf,
  type ReplyDocument,
} from '#app/replies';

/** The golden Anyang reply (seeds/001_4e0b165ebda5d762.txt) as the system holds it once signed off. */
function anyangReply(): ReplyDocument {
  return {
    docNumber: '安公警〔2021〕60号',
    signer: '郭成吉',
    grade: 'A',
    issuingUnit: '安阳市公安局',
    title: '关于对政协十三届安阳市委员会四次会议第365号提案的答复',
    addressee: '尊敬的袁媛委员：',
    opening: '您提出的《关于严厉打击金融理财诈骗的提案》已收悉，非常感谢您对公安工作的关心和提出的建议。',
    body: anyangReplyBody(),
    contactUnit: '安阳市公安局经侦支队',
    contacts: ANYANG_CONTACTS,
    copies: ['市委办公室', '市政府办公室', '市政协提案委'],
    date: '2021-11-01',
  };
}

/**
 * Every element of the seed, in the seed's order. Two deliberate differences from the typed seed: the document
 * number uses 〔〕 (GB/T 9704 7.2.4; the seed has "[2021]"), and 抄送 comes after the date, because GB/T 9704
 * puts 抄送 in the 版记 at the foot of the last page, below the 成文日期 (the seed types it above the date).
 */
function seedElements(): string[] {
  const seed = readSeed(ANYANG_REPLY_FILE);
  const lines = seed.split('\n').map((line) => line.trim());
  const bodyStart = lines.findIndex((line) => line.startsWith('您提出的'));
  const bodyEnd = lines.findIndex((line) => line.startsWith('联系单位：'));
  expect(bodyStart).toBeGreaterThan(0);
  expect(bodyEnd).toBeGreaterThan(bodyStart);
  const title = lines.slice(0, bodyStart).filter((line) => line.startsWith('关于对') || line.startsWith('第365号'));
  expect(title).toEqual(['关于对政协十三届安阳市委员会四次会议', '第365号提案的答复']);
  return [
    '安公警〔2021〕60号',
    '签发人：郭成吉',
    '办理结果：A',
    '安阳市公安局',
    ...title,
    '尊敬的袁媛委员：',
    ...lines.slice(bodyStart, bodyEnd).filter((line) => line.length > 0),
    '联系单位：安阳市公安局经侦支队',
    '联系人：陈丁',
    '王鹏',
    '联系电话：5156739',
    '5156055',
    '2021年11月1日',
    '抄送：市委办公室、市政府办公室、市政协提案委',
  ];
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

/** Asserts each element occurs in the text after the previous one (whitespace ignored). */
function expectInOrder(text: string, elements: string[]): void {
  const haystack = squeeze(text);
  let from = 0;
  for (const element of elements) {
    const at = haystack.indexOf(squeeze(element), from);
    if (at < 0) {
      const found = haystack.indexOf(squeeze(element));
      throw new Error(
        found < 0
          ? `missing: ${element}`
          : `out of order: ${element} (found at ${found}, expected after ${from}: …${haystack.slice(Math.max(0, from - 40), from)}…)`,
      );
    }
    from = at + squeeze(element).length;
  }
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${command} is not installed (apt-get install poppler-utils): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** word/document.xml as text, paragraph per line, tabs and breaks kept. */
function docxText(xml: string): string {
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)]
    .map((paragraph) =>
      [...paragraph[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)]
        .map((token) => (token[0] === '<w:tab/>' ? '\t' : token[0] === '<w:br/>' ? '\n' : token[1]))
        .join(''),
    )
    .join('\n');
}

const attribute = (xml: string, element: string, name: string): number => {
  const match = new RegExp(`<${element}\\b[^>]*\\b${name}="(-?\\d+)"`).exec(xml);
  if (!match) throw new Error(`no ${element} ${name} in the section properties`);
  return Number(match[1]);
};

interface Word {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/** `pdftotext -bbox`: every word (for Chinese, a whole line) with its box in points. */
function words(pdfFile: string): Word[] {
  const html = run('pdftotext', ['-bbox', pdfFile, '-']);
  const result: Word[] = [];
  html.split('<page ').slice(1).forEach((page, index) => {
    for (const match of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      result.push({ page: index + 1, xMin: +match[1], yMin: +match[2], xMax: +match[3], yMax: +match[4], text: match[5] });
    }
  });
  return result;
}

/** The share of dark samples in an 8-bit PNG (its rows unfiltered, PNG spec §9). */
function darkShare(png: Buffer): number {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[png[25]];
  expect(png[24]).toBe(8);
  const chunks: Buffer[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    if (png.toString('latin1', offset + 4, offset + 8) === 'IDAT') chunks.push(png.subarray(offset + 8, offset + 8 + length));
    offset += length + 12;
  }
  const data = unzlibSync(Buffer.concat(chunks));
  const stride = width * channels;
  let previous = new Uint8Array(stride);
  let dark = 0;
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)];
    const row = data.slice(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? row[x - channels] : 0;
      const b = previous[x];
      const c = x >= channels ? previous[x - channels] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      row[x] = (row[x] + predictor) & 0xff;
      if (row[x] < 128) dark += 1;
    }
    previous = row;
  }
  return dark / (stride * height);
}

describe('reply rendering (GB/T 9704-2012)', () => {
  const LEFT = GBT9704.marginLeftMm * MM;
  const TOP = GBT9704.marginTopMm * MM;
  const RIGHT = (GBT9704.pageWidthMm - GBT9704.marginRightMm) * MM;
  const BOTTOM = (GBT9704.pageHeightMm - GBT9704.marginBottomMm) * MM;
  let dir: string;
  let fonts: FontSet;
  let pdf: Buffer;
  let pdfFile: string;
  let docx: Buffer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cppcc-render-'));
    fonts = findFonts();
    pdf = await renderReplyPdf(anyangReply(), fonts);
    pdfFile = path.join(dir, 'anyang.pdf');
    writeFileSync(pdfFile, pdf);
    docx = await renderReplyDocx(anyangReply());
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('PDF', () => {
    it('prints every element of the golden Anyang reply, in order, with page numbers "— 1 —"', () => {
      const text = run('pdftotext', ['-layout', pdfFile, '-']);
      expect(text).toContain('— 1 —');
      expect(text).toContain('— 2 —');
      expectInOrder(text.replace(/—\s*\d+\s*—/g, ''), seedElements());
      // 发文字号 and 签发人 share the first line.
      expect(text.split('\n')[0]).toMatch(/安公警〔2021〕60号\s+签发人：郭成吉/);
    });

    it('is A4 with the text block 37 mm from the top and 28 mm from the left, 156 mm wide, 22 lines a page', () => {
      const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox \[([^\]]+)\]/g)].map((match) => match[1].trim().split(/\s+/).map(Number));
      expect(boxes.length).toBeGreaterThanOrEqual(2);
      for (const [x0, y0, x1, y1] of boxes) {
        expect([x0, y0]).toEqual([0, 0]);
        expect(x1 / MM).toBeCloseTo(210, 1);
        expect(y1 / MM).toBeCloseTo(297, 1);
      }
      const all = words(pdfFile);
      const inBlock = all.filter((word) => !/^—?\d*—?$/.test(word.text));
      // Nothing outside the text block but the page numbers, which sit below it.
      for (const word of inBlock) {
        expect(word.xMin).toBeGreaterThanOrEqual(LEFT - 0.5);
        expect(word.xMax).toBeLessThanOrEqual(RIGHT + 0.5);
        expect(word.yMin).toBeGreaterThanOrEqual(TOP - 5);
        expect(word.yMax).toBeLessThanOrEqual(BOTTOM + 1);
      }
      const first = all.filter((word) => word.page === 1).sort((a, b) => a.yMin - b.yMin)[0];
      expect(first.text).toBe('安公警〔2021〕60号');
      expect(first.yMin).toBeLessThan(TOP + 10);
      expect(first.xMin).toBeCloseTo(LEFT + (GBT9704.textWidthMm * MM) / 28, 0); // one character in
      // Page 2 is all body text: 22 lines, one grid line apart, justified from margin to margin.
      const page2 = inBlock.filter((word) => word.page === 2).sort((a, b) => a.yMin - b.yMin);
      expect(page2).toHaveLength(GBT9704.linesPerPage);
      const pitch = (page2[page2.length - 1].yMin - page2[0].yMin) / (page2.length - 1);
      expect(pitch / MM).toBeCloseTo(225 / 22, 1);
      const full = page2.filter((word) => Math.abs(word.xMin - LEFT) < 0.5 && Math.abs(word.xMax - RIGHT) < 1);
      expect(full.length).toBeGreaterThan(15);
      // 28 characters to a line of Chinese text.
      expect(full.some((word) => [...word.text].length === GBT9704.charsPerLine && /^[^\x20-\x7e]+$/.test(word.text))).toBe(true);
      // The page number sits 7 mm below the text block.
      const number = all.find((word) => word.page === 1 && word.text === '1');
      expect(number?.yMin).toBeGreaterThan(BOTTOM + 5 * MM);
    });

    it('embeds subsets of CJK fonts only', () => {
      const rows = run('pdffonts', [pdfFile]).split('\n').slice(2).filter((row) => row.trim());
      expect(rows.length).toBeGreaterThanOrEqual(4);
      for (const row of rows) {
        expect(row).toMatch(/^[A-Z]{6}\+\S*(CJK|UKai|GB2312|FangSong|Hei|Kai|XiaoBiaoSong|Song|Sim)\S*\s/);
        expect(row).toMatch(/\byes\s+yes\s+yes\b/); // emb sub uni
      }
    });

    it('draws a real page one (pdftoppm)', () => {
      run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfFile, path.join(dir, 'page')]);
      const file = path.join(dir, 'page-1.png');
      expect(statSync(file).size).toBeGreaterThan(10_000);
      const share = darkShare(readFileSync(file));
      expect(share).toBeGreaterThan(0.01);
      expect(share).toBeLessThan(0.5);
    });

    it('gives the same bytes (and SHA-256) for the same reply', async () => {
      const again = await renderReplyPdf(anyangReply(), fonts);
      expect(createHash('sha256').update(again).digest('hex')).toBe(createHash('sha256').update(pdf).digest('hex'));
      expect(Buffer.compare(again, pdf)).toBe(0);
    }, 60_000);
  });

  describe('DOCX', () => {
    let xml: string;
    let files: Record<string, Uint8Array>;

    beforeAll(() => {
      files = unzipSync(docx);
      xml = strFromU8(files['word/document.xml']);
    });

    it('holds every element of the golden Anyang reply, in order', () => {
      const text = docxText(xml);
      expectInOrder(text, seedElements());
      expect(text).toContain('安公警〔2021〕60号\t签发人：郭成吉');
      expect(text).toContain('关于对政协十三届安阳市委员会四次会议\n第365号提案的答复');
    });

    it('sets A4, the GB/T margins and a 22 × 28 grid', () => {
      const section = /<w:sectPr>.*<\/w:sectPr>/s.exec(xml)?.[0] ?? '';
      const twipsPerMm = 1440 / 25.4;
      expect(attribute(section, 'w:pgSz', 'w:w') / twipsPerMm).toBeCloseTo(210, 0);
      expect(attribute(section, 'w:pgSz', 'w:h') / twipsPerMm).toBeCloseTo(297, 0);
      expect(attribute(section, 'w:pgMar', 'w:top') / twipsPerMm).toBeCloseTo(37, 0);
      expect(attribute(section, 'w:pgMar', 'w:bottom') / twipsPerMm).toBeCloseTo(35, 0);
      expect(attribute(section, 'w:pgMar', 'w:left') / twipsPerMm).toBeCloseTo(28, 0);
      expect(attribute(section, 'w:pgMar', 'w:right') / twipsPerMm).toBeCloseTo(26, 0);
      const textHeight = (297 - 37 - 35) * twipsPerMm;
      const textWidthPt = ((210 - 28 - 26) * twipsPerMm) / 20;
      expect(section).toContain('w:type="linesAndChars"');
      expect(Math.floor(textHeight / attribute(section, 'w:docGrid', 'w:linePitch'))).toBe(22);
      expect(Math.round(textWidthPt / (16 + attribute(section, 'w:docGrid', 'w:charSpace') / 4096))).toBe(28);
    });

    it('names the official faces, with free fallbacks in the font table', () => {
      const runFont = (text: string) => new RegExp(`w:eastAsia="([^"]+)"[^]*?<w:t[^>]*>${text}</w:t>`).exec(xml.slice(xml.lastIndexOf('<w:r>', xml.indexOf(`>${text}<`))))?.[1];
      expect(runFont('关于对政协十三届安阳市委员会四次会议')).toBe('方正小标宋简体');
      expect(runFont('一、当前我市金融理财诈骗形势分析')).toBe('黑体');
      expect(runFont('（一）领导重视，明确目标')).toBe('楷体_GB2312');
      expect(runFont('尊敬的袁媛委员：')).toBe('仿宋_GB2312');
      expect(xml).toMatch(/<w:sz w:val="44"\/>/); // 2号 title
      expect(xml).toMatch(/<w:sz w:val="28"\/><w:szCs w:val="28"\/><\/w:rPr><w:t[^>]*>抄送：/); // 4号 抄送
      const fontTable = strFromU8(files['word/fontTable.xml']);
      expect(fontTable).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="Noto Serif CJK SC"/>');
      expect(fontTable).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="AR PL UKai CN"/>');
      const footer = Object.keys(files).filter((name) => /^word\/footer\d+\.xml$/.test(name)).map((name) => strFromU8(files[name]));
      expect(footer.length).toBe(2);
      for (const part of footer) expect(part).toMatch(/— <\/w:t>.*PAGE.* —<\/w:t>/s);
    });
  });

  describe('unhappy paths', () => {
    it.each([
      ['document number', { docNumber: null }],
      ['signer', { signer: null }],
      ['date', { date: null }],
    ])('refuses a reply without a %s (not signed off yet)', async (_what, change) => {
      const unsigned = { ...anyangReply(), ...change };
      for (const render of [() => renderReplyPdf(unsigned, fonts), () => renderReplyDocx(unsigned)]) {
        const error = await render().then(
          () => null,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ code: 'REPLY_NOT_SIGNED' });
        expect((error as Error).message).toMatch(/Only a signed-off reply can be rendered/);
      }
    });

    it('says which Debian packages to install when no CJK font is found', () => {
      const empty = mkdtempSync(path.join(dir, 'no-fonts-'));
      expect(() => findFonts({ dirs: [empty], fontconfig: false })).toThrow(MissingFontError);
      expect(() => findFonts({ dirs: [empty], fontconfig: false })).toThrow(
        /install the Debian packages fonts-noto-cjk fonts-arphic-ukai \(apt-get install -y fonts-noto-cjk fonts-arphic-ukai\)/,
      );
      // Only 楷体 missing: only its package is named.
      const notoOnly = mkdtempSync(path.join(dir, 'noto-'));
      symlinkSync(path.dirname(fonts.body.file), path.join(notoOnly, 'noto'));
      expect(() => findFonts({ dirs: [notoOnly], fontconfig: false })).toThrow(/楷体_GB2312 \(kai\): install the Debian package fonts-arphic-ukai /);
    });
  });

  describe('font choice', () => {
    it('uses free CJK faces when the official ones are absent, and prefers an official face when installed', () => {
      for (const face of Object.values(fonts)) statSync(face.file);
      const free = findFonts({ dirs: [path.dirname(fonts.body.file), path.dirname(fonts.kai.file)], fontconfig: false });
      expect(free.body).toMatchObject({ family: 'Noto Serif CJK SC', postscriptName: 'NotoSerifCJKsc-Regular', isOfficial: false });
      expect(free.title).toMatchObject({ family: 'Noto Serif CJK SC', postscriptName: 'NotoSerifCJKsc-Bold', isOfficial: false });
      expect(free.hei).toMatchObject({ family: 'Noto Sans CJK SC', isOfficial: false });
      expect(free.kai).toMatchObject({ family: 'AR PL UKai CN', postscriptName: 'UKaiCN', isOfficial: false });
      // A machine with the licensed 黑体 (simhei.ttf) installed: it serves the headings.
      const withOfficial = path.join(dir, 'official');
      mkdirSync(withOfficial);
      writeFileSync(path.join(withOfficial, 'simhei.ttf'), readFileSync(fonts.body.file).subarray(0, 16));
      const chosen = findFonts({ dirs: [withOfficial, path.dirname(fonts.body.file), path.dirname(fonts.kai.file)], fontconfig: false });
      expect(chosen.hei).toMatchObject({ official: '黑体', file: path.join(withOfficial, 'simhei.ttf'), isOfficial: true });
      expect(chosen.body.isOfficial).toBe(false);
    });

    it('breaks a long title at a meaningful place, the upper line longer', () => {
      expect(breakTitle('关于对政协十三届安阳市委员会四次会议第365号提案的答复', 20)).toEqual([
        '关于对政协十三届安阳市委员会四次会议',
        '第365号提案的答复',
      ]);
      expect(breakTitle('关于某提案的答复', 20)).toEqual(['关于某提案的答复']);
    });
  });
});
