import { chineseTerms, proposalSimilarity, termHash, termHashes, termSimilarity } from './chinese-terms.js';

describe('terms of Chinese text', () => {
  it('splits Han runs into overlapping pairs and cuts out the genre words first', () => {
    expect(chineseTerms('关于严厉打击金融理财诈骗的提案')).toEqual(['严厉', '厉打', '打击', '击金', '金融', '融理', '理财', '财诈', '诈骗']);
    expect(chineseTerms('关于加强校园安全的建议')).toEqual(['校园', '园安', '安全']);
  });

  it('keeps Latin words and numbers whole, folds full-width forms and case', () => {
    expect(chineseTerms('APP 理财，５Ｇ基站')).toEqual(['app', '理财', '5g', '基站']);
  });

  it('counts a lone Han character and ignores punctuation and one-letter words', () => {
    expect(chineseTerms('水。a、b')).toEqual(['水']);
  });

  it('gives no terms for text that is only genre words', () => {
    expect(chineseTerms('关于的提案')).toEqual([]);
  });
});

describe('term hashes', () => {
  it('are stable 32-bit integers, sorted and distinct per text', () => {
    expect(termHash('金融')).toBe(termHash('金融'));
    expect(termHash('金融')).not.toBe(termHash('融金'));
    const hashes = termHashes('金融理财，金融诈骗');
    expect(hashes).toEqual([...new Set(hashes)].sort((a, b) => a - b));
    expect(hashes).toHaveLength(new Set(chineseTerms('金融理财，金融诈骗')).size);
    for (const hash of hashes) expect(hash).toBe(hash | 0);
  });
});

describe('similarity', () => {
  it('is 1 for the same terms, 0 for nothing shared or nothing at all', () => {
    expect(termSimilarity(['金融', '理财'], ['理财', '金融'])).toBe(1);
    expect(termSimilarity(['金融'], ['教育'])).toBe(0);
    expect(termSimilarity([], ['教育'])).toBe(0);
  });

  it('ranks a reworded proposal on the same matter above one on another matter', () => {
    const of = (title: string, body: string) => ({ titleTerms: chineseTerms(title), bodyTerms: chineseTerms(body) });
    const fraud = of('关于严厉打击金融理财诈骗的提案', '直播理财诈骗多发，群众损失严重，建议加强打击和宣传。');
    const reworded = of('关于防范和打击网络理财诈骗的建议', '网络理财诈骗案件上升，老年人受骗较多，建议开展反诈宣传。');
    const schools = of('关于加强校园周边交通安全管理的提案', '学校门口上下学时段拥堵，存在安全隐患。');
    expect(proposalSimilarity(fraud, reworded)).toBeGreaterThan(0.2);
    expect(proposalSimilarity(fraud, reworded)).toBeGreaterThan(proposalSimilarity(fraud, schools) * 3);
  });
});
