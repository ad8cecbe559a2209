import { AssignmentRole } from './assignment.entity.js';
import { type CandidateUnit, type Neighbour, recommendUnits } from './unit-recommendation.js';

const units: CandidateUnit[] = [
  { id: 'police', name: '公安局', remitKeywords: ['诈骗', '治安'] },
  { id: 'finance', name: '金融工作局', remitKeywords: ['金融', '理财'] },
  { id: 'education', name: '教育局', remitKeywords: ['学校', '学生'] },
];
const neighbour = (similarity: number, lead: string, co: string[] = [], number = 1): Neighbour => ({
  number,
  title: `第${number}号的案由`,
  similarity,
  units: [{ unitId: lead, role: AssignmentRole.Lead }, ...co.map((unitId) => ({ unitId, role: AssignmentRole.Co }))],
});
const neutral = { title: '关于某事的提案', body: '正文' };

describe('recommending units', () => {
  it('lets similar proposals vote, by similarity, for the unit that led them', () => {
    const result = recommendUnits(neutral, [neighbour(0.5, 'police'), neighbour(0.3, 'finance'), neighbour(0.1, 'finance')], units);
    expect(result.lead.map((s) => [s.unitId, s.score])).toEqual([
      ['police', 0.5],
      ['finance', 0.4],
    ]);
  });

  it('adds remit keywords, more for the title than for the body', () => {
    const inTitle = recommendUnits({ title: '关于防范理财诈骗的提案', body: '正文' }, [], units).lead;
    expect(inTitle.map((s) => s.unitId).sort()).toEqual(['finance', 'police']);
    const inBody = recommendUnits({ title: '关于某事的提案', body: '学校周边交通拥堵' }, [], units).lead;
    expect(inBody).toEqual([{ unitId: 'education', unitName: '教育局', score: 0.5, reasons: ['职责关键词：学校'] }]);
    expect(inTitle[0].score).toBeGreaterThan(inBody[0].score);
  });

  it('counts co-handling toward co-units only, and never offers the top lead as a co-unit', () => {
    const result = recommendUnits(neutral, [neighbour(0.6, 'police', ['finance']), neighbour(0.2, 'finance', ['police'])], units);
    expect(result.lead.map((s) => s.unitId)).toEqual(['police', 'finance']);
    expect(result.co.map((s) => s.unitId)).toEqual(['finance']);
    expect(result.co[0].reasons[0]).toBe('相似提案第1号《第1号的案由》（相似度0.60）由该单位会办');
  });

  it('explains each suggestion by its strongest neighbours and its keywords', () => {
    const [first] = recommendUnits({ title: '关于打击诈骗的提案', body: '' }, [neighbour(0.2, 'police', [], 7), neighbour(0.4, 'police', [], 9), neighbour(0.1, 'police', [], 3)], units).lead;
    expect(first.reasons).toEqual([
      '相似提案第9号《第9号的案由》（相似度0.40）由该单位主办',
      '相似提案第7号《第7号的案由》（相似度0.20）由该单位主办',
      '职责关键词：诈骗',
    ]);
  });

  it('ignores units that are not candidates, and suggests nothing without evidence', () => {
    expect(recommendUnits(neutral, [neighbour(0.9, 'abolished-unit')], units)).toEqual({ lead: [], co: [] });
  });
});
