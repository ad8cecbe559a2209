import PDFDocument from 'pdfkit';
import { type FontSet, machineFonts } from '#app/replies';
import type { FigureKind } from './figures.js';
import { labelOf, ROLE_LABELS } from './labels.js';
import type { DrillItem, FigureView, Figures, StatisticsView } from './statistics.service.js';

/** What the yearly report shows: the statistics of the year's sessions and their overdue list. */
export interface YearlyReportData {
  year: number;
  view: StatisticsView;
  overdue: DrillItem[];
  /** Overdue assignments in all (the list may be cut short). */
  overdueTotal: number;
  generatedOn: string;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const WIDTH = A4[0] - 2 * MARGIN;
const BOTTOM = A4[1] - MARGIN;
const GRID = '#9aa5b1';
const HEADER_FILL = '#d9e1f2';
const COLOURS = ['#2f5597', '#70ad47', '#ed7d31', '#a5a5a5', '#ffc000', '#5b9bd5'];

/** A figure as the report prints it: 83.3% for a rate, 45.2 for an average, a whole number otherwise, — when there is none. */
export function formatFigure(value: number | null | undefined, kind: FigureKind): string {
  if (value === null || value === undefined) return '—';
  if (kind === 'rate') return `${(value * 100).toFixed(1)}%`;
  if (kind === 'average') return value.toFixed(1);
  return String(value);
}

interface TableColumn<T> {
  header: string;
  width: number;
  align?: 'left' | 'center' | 'right';
  value: (row: T) => string;
}

/**
 * 年度提案办理工作统计报告: a title page, the summary, charts (办复率 and 按期办复率 per unit, the
 * shares of the grades, satisfaction) drawn with pdfkit's vector primitives, the per-unit table, the
 * overdue list, and 第n页 共N页 on every page. CJK faces are the machine's, found by the reply
 * renderer's font lookup (黑体 role for headings, 宋体 role for text).
 */
export async function renderYearlyReport(data: YearlyReportData, fonts: FontSet = machineFonts()): Promise<Buffer> {
  const title = `${data.year}年度提案办理工作统计报告`;
  const pdf = new PDFDocument({ size: A4, margin: MARGIN, bufferPages: true, autoFirstPage: false, lang: 'zh-CN', info: { Title: title, Author: data.view.committeeName, Creator: 'cppcc-proposals' } });
  for (const [name, face] of [['hei', fonts.hei], ['song', fonts.song]] as const) {
    if (face.postscriptName) pdf.registerFont(name, face.file, face.postscriptName);
    else pdf.registerFont(name, face.file);
  }
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  titlePage(pdf, data, title);
  const summary = data.view.summary ?? {};
  pdf.addPage();
  heading(pdf, '一、总体情况');
  summaryTable(pdf, data.view.definitions.summary, summary);

  pdf.addPage();
  heading(pdf, '二、图表');
  rateBars(pdf, data.view);
  gradeShares(pdf, data.view.definitions.summary, summary);
  satisfactionBars(pdf, summary);

  pdf.addPage();
  heading(pdf, '三、承办单位办理情况');
  unitTable(pdf, data.view);

  pdf.addPage();
  heading(pdf, '四、超期未办复清单');
  overdueList(pdf, data);

  const range = pdf.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    pdf.switchToPage(index);
    // below the bottom margin pdfkit would start a new page for the footer: lift the margin while writing it
    pdf.page.margins.bottom = 0;
    pdf.font('song').fontSize(9).fillColor('black');
    pdf.text(`第${index + 1}页 共${range.count}页`, MARGIN, A4[1] - MARGIN / 2 - 6, { width: WIDTH, align: 'center', lineBreak: false });
  }
  pdf.end();
  return finished;
}

function titlePage(pdf: PDFKit.PDFDocument, data: YearlyReportData, title: string): void {
  pdf.addPage();
  pdf.font('hei').fontSize(26).fillColor('black').text(data.view.committeeName, MARGIN, 230, { width: WIDTH, align: 'center' });
  pdf.moveDown(0.8).fontSize(22).text(title, { width: WIDTH, align: 'center' });
  pdf.moveDown(2).font('song').fontSize(13);
  for (const session of data.view.sessions) pdf.text(session.name, { width: WIDTH, align: 'center' });
  pdf.moveDown(2).fontSize(12).text(`统计截至 ${data.view.asOf}`, { width: WIDTH, align: 'center' });
  pdf.text(`生成日期 ${data.generatedOn}`, { width: WIDTH, align: 'center' });
  pdf.moveDown(6).fontSize(10).fillColor('#555555').text('数据来源：政协提案办理系统。各项指标的口径见“统计口径”说明（docs/domain/statistics.md）。', { width: WIDTH, align: 'center' });
  pdf.fillColor('black');
}

function heading(pdf: PDFKit.PDFDocument, text: string): void {
  pdf.font('hei').fontSize(16).fillColor('black').text(text, MARGIN, pdf.y, { width: WIDTH });
  pdf.moveDown(0.6);
}

function subheading(pdf: PDFKit.PDFDocument, text: string, height: number): void {
  if (pdf.y + height > BOTTOM) pdf.addPage();
  pdf.font('hei').fontSize(12).fillColor('black').text(text, MARGIN, pdf.y, { width: WIDTH });
  pdf.moveDown(0.4);
}

/** A table with a shaded header repeated on each page it runs onto; cells wrap. */
function table<T>(pdf: PDFKit.PDFDocument, columns: ReadonlyArray<TableColumn<T>>, rows: readonly T[], fontSize: number): void {
  const pad = 3;
  const scale = WIDTH / columns.reduce((sum, column) => sum + column.width, 0);
  const widths = columns.map((column) => column.width * scale);
  const heightOf = (texts: string[], font: 'hei' | 'song') => {
    pdf.font(font).fontSize(fontSize);
    return Math.max(...texts.map((text, i) => pdf.heightOfString(text || ' ', { width: widths[i] - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (texts: string[], font: 'hei' | 'song', fill: string | null) => {
    const height = heightOf(texts, font);
    let x = MARGIN;
    const y = pdf.y;
    texts.forEach((text, i) => {
      if (fill) pdf.rect(x, y, widths[i], height).fillAndStroke(fill, GRID);
      else pdf.rect(x, y, widths[i], height).lineWidth(0.5).stroke(GRID);
      pdf.fillColor('black').font(font).fontSize(fontSize).text(text, x + pad, y + pad, { width: widths[i] - 2 * pad, align: fill ? 'center' : (columns[i].align ?? 'left') });
      x += widths[i];
    });
    pdf.x = MARGIN;
    pdf.y = y + height;
  };
  const header = columns.map((column) => column.header);
  const headerHeight = heightOf(header, 'hei');
  if (pdf.y + headerHeight * 2 > BOTTOM) pdf.addPage();
  drawRow(header, 'hei', HEADER_FILL);
  for (const row of rows) {
    const texts = columns.map((column) => column.value(row));
    if (pdf.y + heightOf(texts, 'song') > BOTTOM) {
      pdf.addPage();
      drawRow(header, 'hei', HEADER_FILL);
    }
    drawRow(texts, 'song', null);
  }
  pdf.moveDown(0.8);
}

/** The summary in two pairs of columns (指标, 数值), so it fits one page. */
function summaryTable(pdf: PDFKit.PDFDocument, definitions: readonly FigureView[], summary: Figures): void {
  const half = Math.ceil(definitions.length / 2);
  const pairs = definitions.slice(0, half).map((left, i) => ({ left, right: definitions[half + i] }));
  const label = (d: FigureView | undefined) => d?.label ?? '';
  const value = (d: FigureView | undefined) => (d ? formatFigure(summary[d.key], d.kind) : '');
  table(
    pdf,
    [
      { header: '指标', width: 3, value: (p: (typeof pairs)[number]) => label(p.left) },
      { header: '数值', width: 1.6, align: 'right', value: (p: (typeof pairs)[number]) => value(p.left) },
      { header: '指标', width: 3, value: (p: (typeof pairs)[number]) => label(p.right) },
      { header: '数值', width: 1.6, align: 'right', value: (p: (typeof pairs)[number]) => value(p.right) },
    ],
    pairs,
    10,
  );
}

function unitTable(pdf: PDFKit.PDFDocument, view: StatisticsView): void {
  const kindOf = new Map(view.definitions.unit.map((d) => [d.key, d.kind]));
  const grades = view.definitions.unit.filter((d) => /^grade[A-Z0-9]+$/.test(d.key));
  const figure = (header: string, key: string, width = 2) => ({
    header,
    width,
    align: 'right' as const,
    value: (line: StatisticsView['units'][number]) => formatFigure(line.figures[key], kindOf.get(key) ?? 'count'),
  });
  table(
    pdf,
    [
      { header: '承办单位', width: 6, value: (line: StatisticsView['units'][number]) => line.unitName },
      figure('主办', 'lead'),
      figure('会办', 'co'),
      figure('分办', 'separate'),
      figure('办复', 'replied'),
      figure('按期', 'onTime'),
      figure('办复率', 'replyRate', 2.6),
      figure('按期办复率', 'onTimeRate', 2.6),
      figure('平均办复天数', 'avgDaysToReply', 2.6),
      figure('超期', 'overdue'),
      figure('最长超期天数', 'overdueMaxDays', 2.4),
      figure('满意率', 'satisfiedRate', 2.6),
      ...grades.map((grade) => figure(grade.key.slice('grade'.length), grade.key, 1.6)),
    ],
    view.units,
    7.5,
  );
}

function overdueList(pdf: PDFKit.PDFDocument, data: YearlyReportData): void {
  if (data.overdue.length === 0) {
    pdf.font('song').fontSize(11).text(`截至 ${data.view.asOf}，没有超期未办复的提案。`, MARGIN, pdf.y, { width: WIDTH });
    return;
  }
  const note = data.overdueTotal > data.overdue.length ? `（共 ${data.overdueTotal} 件次，以下列出超期最久的 ${data.overdue.length} 件次）` : `（共 ${data.overdueTotal} 件次）`;
  pdf.font('song').fontSize(10.5).text(`截至 ${data.view.asOf} 超期未办复${note}`, MARGIN, pdf.y, { width: WIDTH });
  pdf.moveDown(0.4);
  table(
    pdf,
    [
      { header: '提案号', width: 1.2, align: 'right', value: (item: DrillItem) => (item.number === null ? '' : String(item.number)) },
      { header: '案由', width: 6, value: (item: DrillItem) => item.title ?? '' },
      { header: '承办单位', width: 3.4, value: (item: DrillItem) => item.unitName ?? '' },
      { header: '办理方式', width: 1.4, align: 'center', value: (item: DrillItem) => labelOf(ROLE_LABELS, item.role) },
      { header: '期限', width: 2, align: 'center', value: (item: DrillItem) => item.dueDate ?? '' },
      { header: '超期天数', width: 1.5, align: 'right', value: (item: DrillItem) => String(item.daysOverdue ?? '') },
    ],
    data.overdue,
    9,
  );
}

/** Two horizontal bars per unit, 办复率 and 按期办复率, on a 0–100% axis; as many pages as the units need. */
function rateBars(pdf: PDFKit.PDFDocument, view: StatisticsView): void {
  const series = [
    { key: 'replyRate', label: '办复率', colour: COLOURS[0] },
    { key: 'onTimeRate', label: '按期办复率', colour: COLOURS[1] },
  ];
  const labelWidth = 130;
  const plot = WIDTH - labelWidth - 40;
  const bar = 7;
  const rowHeight = bar * 2 + 8;
  subheading(pdf, '（一）各承办单位办复率与按期办复率', 80);
  legend(pdf, series.map((s) => ({ label: s.label, colour: s.colour })));
  const axis = (top: number, bottom: number) => {
    pdf.lineWidth(0.5).strokeColor(GRID);
    for (let tick = 0; tick <= 100; tick += 20) {
      const x = MARGIN + labelWidth + (plot * tick) / 100;
      pdf.moveTo(x, top).lineTo(x, bottom).dash(2, { space: 2 }).stroke().undash();
      pdf.font('song').fontSize(7).fillColor('#555555').text(`${tick}%`, x - 15, bottom + 2, { width: 30, align: 'center', lineBreak: false });
    }
    pdf.fillColor('black');
  };
  let chartTop = pdf.y;
  let y = chartTop;
  for (const line of view.units) {
    if (y + rowHeight > BOTTOM - 16) {
      axis(chartTop, y);
      pdf.addPage();
      chartTop = y = MARGIN;
    }
    pdf.font('song').fontSize(8).fillColor('black').text(line.unitName, MARGIN, y + bar - 5, { width: labelWidth - 6, height: 10, ellipsis: true, align: 'right' });
    series.forEach((s, i) => {
      const value = line.figures[s.key];
      const length = value === null || value === undefined ? 0 : plot * value;
      if (length > 0) pdf.rect(MARGIN + labelWidth, y + i * bar, length, bar - 1).fill(s.colour);
      pdf.font('song').fontSize(6.5).fillColor('black').text(formatFigure(value, 'rate'), MARGIN + labelWidth + length + 2, y + i * bar, { width: 36, lineBreak: false });
    });
    y += rowHeight;
  }
  axis(chartTop, y);
  pdf.x = MARGIN;
  pdf.y = y + 20;
}

/** The shares of the grades (办理结果) as a pie, each wedge with its count and share. */
function gradeShares(pdf: PDFKit.PDFDocument, definitions: readonly FigureView[], summary: Figures): void {
  const grades = definitions.filter((d) => /^grade[A-Z0-9]+$/.test(d.key)).map((d, i) => ({ code: d.key.slice('grade'.length), count: summary[d.key] ?? 0, colour: COLOURS[i % COLOURS.length] }));
  const graded = summary.graded ?? 0;
  subheading(pdf, '（二）办理结果分类占比', 170);
  const radius = 60;
  const cx = MARGIN + radius + 10;
  const cy = pdf.y + radius + 5;
  if (graded === 0) {
    pdf.circle(cx, cy, radius).lineWidth(0.5).stroke(GRID);
  } else {
    let start = -Math.PI / 2;
    for (const grade of grades) {
      if (grade.count === 0) continue;
      const sweep = (2 * Math.PI * grade.count) / graded;
      if (sweep >= 2 * Math.PI - 1e-9) {
        pdf.circle(cx, cy, radius).fill(grade.colour);
      } else {
        const end = start + sweep;
        const [x1, y1, x2, y2] = [cx + radius * Math.cos(start), cy + radius * Math.sin(start), cx + radius * Math.cos(end), cy + radius * Math.sin(end)];
        pdf.path(`M ${cx} ${cy} L ${x1} ${y1} A ${radius} ${radius} 0 ${sweep > Math.PI ? 1 : 0} 1 ${x2} ${y2} Z`).fill(grade.colour);
      }
      start += sweep;
    }
  }
  let y = cy - radius + 6;
  for (const grade of grades) {
    pdf.rect(cx + radius + 40, y, 10, 10).fill(grade.colour);
    const share = graded ? grade.count / graded : null;
    pdf.font('song').fontSize(10).fillColor('black').text(`${grade.code}类  ${grade.count} 件  ${formatFigure(share, 'rate')}`, cx + radius + 56, y, { lineBreak: false });
    y += 18;
  }
  pdf.font('song').fontSize(9).fillColor('#555555').text(`已评定办理结果的答复共 ${graded} 件`, cx + radius + 40, y + 4, { lineBreak: false });
  pdf.fillColor('black');
  pdf.x = MARGIN;
  pdf.y = cy + radius + 20;
}

/** 满意, 基本满意, 不满意: vertical bars of the forms' counts, with their shares. */
function satisfactionBars(pdf: PDFKit.PDFDocument, summary: Figures): void {
  const forms = summary.feedbackForms ?? 0;
  const bars = [
    { label: '满意', count: summary.satisfied ?? 0, colour: COLOURS[1] },
    { label: '基本满意', count: summary.basicallySatisfied ?? 0, colour: COLOURS[4] },
    { label: '不满意', count: summary.dissatisfied ?? 0, colour: COLOURS[2] },
  ];
  subheading(pdf, '（三）委员对办理结果的满意度', 190);
  const height = 120;
  const base = pdf.y + height + 10;
  const highest = Math.max(1, ...bars.map((b) => b.count));
  const width = 60;
  pdf.lineWidth(0.5).strokeColor(GRID).moveTo(MARGIN + 20, base).lineTo(MARGIN + 20 + bars.length * (width + 40), base).stroke();
  bars.forEach((b, i) => {
    const x = MARGIN + 40 + i * (width + 40);
    const h = (height * b.count) / highest;
    if (h > 0) pdf.rect(x, base - h, width, h).fill(b.colour);
    const share = forms ? b.count / forms : null;
    pdf.font('song').fontSize(9).fillColor('black').text(`${b.count}（${formatFigure(share, 'rate')}）`, x - 15, base - h - 13, { width: width + 30, align: 'center', lineBreak: false });
    pdf.fontSize(10).text(b.label, x - 10, base + 4, { width: width + 20, align: 'center', lineBreak: false });
  });
  pdf.font('song').fontSize(9).fillColor('#555555').text(`征询意见表共 ${forms} 份（每位提案人对每个承办单位答复的最近一份）`, MARGIN, base + 22, { width: WIDTH });
  pdf.fillColor('black');
  pdf.moveDown(1);
}

function legend(pdf: PDFKit.PDFDocument, items: Array<{ label: string; colour: string }>): void {
  let x = MARGIN;
  const y = pdf.y;
  for (const item of items) {
    pdf.rect(x, y + 1, 10, 8).fill(item.colour);
    pdf.font('song').fontSize(9).fillColor('black').text(item.label, x + 14, y, { lineBreak: false });
    x += 14 + pdf.widthOfString(item.label) + 20;
  }
  pdf.x = MARGIN;
  pdf.y = y + 16;
}
