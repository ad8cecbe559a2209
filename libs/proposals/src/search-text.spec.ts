import { DomainError } from '#app/core';
import { highlights, matchSpans, parseSearchQuery, searchVector } from './search-text.js';

const lexemes = (vector: string) => new Map(vector.split(' ').map((entry) => entry.split(/:(?=\d)/) as [string, string]));

describe('search vector (character n-grams)', () => {
  it('indexes the pair each character starts within its run, or the character itself at the run’s end, with the field’s weight', () => {
    const vector = lexemes(searchVector([{ text: '诈骗案', weight: 'A' }]));
    expect(vector).toEqual(
      new Map([
        ["'诈骗'", '1A'],
        ["'骗案'", '2A'],
        ["'案'", '3A'],
      ]),
    );
  });

  it('pairs nothing across punctuation, folds full-width forms and case, and keeps fields apart', () => {
    const vector = lexemes(searchVector([{ text: '安阳，ＰＭ２.５', weight: 'A' }, { text: '公安', weight: 'B' }]));
    expect(vector.get("'阳p'")).toBeUndefined();
    expect(vector.get("'阳'")).toBe('2A'); // the end of a run
    expect(vector.get("'pm'")).toBe('4A'); // 安 1, 阳 2, the comma 3
    expect(vector.get("'m2'")).toBe('5A');
    expect(vector.get("'2'")).toBe('6A');
    expect(vector.get("'5'")).toBe('8A'); // the point 7
    expect(vector.get("'公安'")).toBe('17B'); // 8 positions of the first field, then 8 between fields
  });

  it('keeps no position beyond PostgreSQL’s limit and at most 256 per lexeme', () => {
    const vector = lexemes(searchVector([{ text: '的'.repeat(20_000), weight: 'B' }]));
    const positions = (vector.get("'的的'") as string).split(',');
    expect(positions).toHaveLength(256);
    expect(positions[255]).toBe('256B');
  });
});

describe('search query', () => {
  it('covers a word by pairs every second character, the last one overlapping for an odd length', () => {
    expect(parseSearchQuery('诈骗').tsquery()).toBe("('诈骗')");
    expect(parseSearchQuery('电动自行').tsquery()).toBe("('电动' <2> '自行')");
    expect(parseSearchQuery('加强农村饮水安全').tsquery()).toBe("('加强' <2> '农村' <2> '饮水' <2> '安全')");
    expect(parseSearchQuery('饮水安全区').tsquery('A')).toBe("('饮水':A <2> '安全':A <1> '全区':A)");
  });

  it('reads Latin letters and digits the same way, across punctuation inside a word, and ANDs words', () => {
    expect(parseSearchQuery('PM2.5').tsquery()).toBe("('pm' <1> 'm2' <3> '5':*)");
    expect(parseSearchQuery('５Ｇ 基站').tsquery()).toBe("('5g') & ('基站')");
    expect(parseSearchQuery('诈骗 案').tsquery('AB')).toBe("('诈骗':AB) & ('案':*AB)");
  });

  it('refuses a query without a word of 2 characters, naming q', () => {
    for (const q of ['诈', '！！', '  ', '市 区', '…a']) {
      expect(() => parseSearchQuery(q)).toThrow(DomainError);
      try {
        parseSearchQuery(q);
      } catch (error) {
        expect((error as DomainError).details).toEqual({ fields: [{ field: 'q', problems: [expect.stringContaining('at least 2 characters')] }] });
      }
    }
  });
});

describe('highlights', () => {
  it('match what the index matches: within runs, folded, and not across punctuation', () => {
    const q = parseSearchQuery('阳公');
    expect(matchSpans('安阳公安局', q)).toEqual([[1, 3]]);
    expect(matchSpans('安阳，公安局', q)).toEqual([]);
    expect(matchSpans('ＰＭ２.５超标', parseSearchQuery('pm2.5'))).toEqual([[0, 5]]);
    expect(matchSpans('PM25超标，PM2 。5', parseSearchQuery('pm2.5'))).toEqual([[7, 13]]);
    expect(matchSpans('打通，农村', parseSearchQuery('打通农村'))).toEqual([]);
  });

  it('escape the stored text and mark the matches, in passages of about 60 characters', () => {
    const q = parseSearchQuery('诈骗');
    const body = `${'前文'.repeat(40)}<script>诈骗</script>${'后文'.repeat(40)}`;
    const [title, passage] = highlights([{ field: 'title', texts: ['关于打击诈骗的提案'] }, { field: 'body', texts: [body] }], q);
    expect(title).toEqual({ field: 'title', text: '关于打击<mark>诈骗</mark>的提案' });
    expect(passage.field).toBe('body');
    expect(passage.text).toContain('&lt;script&gt;<mark>诈骗</mark>&lt;/script&gt;');
    expect(passage.text).not.toMatch(/<(?!\/?mark>)/);
    expect(passage.text.startsWith('…') && passage.text.endsWith('…')).toBe(true);
    const shown = passage.text.replace(/<\/?mark>|…/g, '').replace(/&lt;|&gt;/g, '<');
    expect(shown).toHaveLength(60);
  });

  it('give at most 3 passages, the first of each field first', () => {
    const q = parseSearchQuery('诈骗');
    const body = `诈骗${'。'.repeat(100)}诈骗${'。'.repeat(100)}诈骗`;
    const found = highlights([{ field: 'title', texts: ['诈骗'] }, { field: 'body', texts: [body] }, { field: 'unit', texts: ['反诈骗中心'] }], q);
    expect(found.map((h) => h.field)).toEqual(['title', 'body', 'unit']);
    expect(highlights([{ field: 'body', texts: [body] }], q)).toHaveLength(3);
  });
});
