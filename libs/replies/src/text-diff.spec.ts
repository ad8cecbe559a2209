import { lineDiff } from './text-diff.js';

describe('line diff of two reply drafts', () => {
  it('keeps shared lines and shows removed and added ones in reading order', () => {
    const older = ['一、基本情况', '我市受理案件500起。', '二、下步打算', '加强宣传。'].join('\n');
    const newer = ['一、基本情况', '我市受理案件626起。', '二、下步打算', '加强宣传。', '三、其他'].join('\n');
    expect(lineDiff(older, newer)).toEqual([
      { op: 'equal', lines: ['一、基本情况'] },
      { op: 'delete', lines: ['我市受理案件500起。'] },
      { op: 'insert', lines: ['我市受理案件626起。'] },
      { op: 'equal', lines: ['二、下步打算', '加强宣传。'] },
      { op: 'insert', lines: ['三、其他'] },
    ]);
  });

  it('is one equal run for the same text, and all inserted from nothing', () => {
    expect(lineDiff('甲\n乙', '甲\n乙')).toEqual([{ op: 'equal', lines: ['甲', '乙'] }]);
    expect(lineDiff('', '甲')).toEqual([
      { op: 'delete', lines: [''] },
      { op: 'insert', lines: ['甲'] },
    ]);
  });

  it('gives a whole replacement rather than exhausting memory on huge texts', () => {
    const huge = Array.from({ length: 3000 }, (_, i) => `第${i}行`).join('\n');
    const other = Array.from({ length: 3000 }, (_, i) => `第${i}段`).join('\n');
    const runs = lineDiff(huge, other);
    expect(runs.map((r) => [r.op, r.lines.length])).toEqual([
      ['delete', 3000],
      ['insert', 3000],
    ]);
  });
});
