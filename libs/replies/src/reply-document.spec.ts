import { documentNumber, renderReplyText, replyAddressee, replyTitle } from './reply-document.js';
import { DEFAULT_TEMPLATES, fillTemplate } from './reply-templates.service.js';
import { ReplyKind } from './reply.entity.js';

const opening = (proposalTitle: string, workArea: string) =>
  fillTemplate(DEFAULT_TEMPLATES[ReplyKind.Answer].opening, { proposalTitle, workArea, proposalNumber: '365', memberName: '袁媛', unitName: '安阳市公安局' });

describe('the generated parts of a reply', () => {
  it('follow the Anyang reply', () => {
    expect(replyTitle('政协十三届安阳市委员会四次会议', 365)).toBe('关于对政协十三届安阳市委员会四次会议第365号提案的答复');
    expect(replyAddressee('袁媛')).toBe('尊敬的袁媛委员：');
    expect(opening('关于严厉打击金融理财诈骗的提案', '公安工作')).toBe(
      '您提出的《关于严厉打击金融理财诈骗的提案》已收悉，非常感谢您对公安工作的关心和提出的建议。',
    );
    expect(opening('关于X的提案', '我们工作')).toContain('您对我们工作的关心');
    expect(fillTemplate('{unitName}收到{unknown}', { proposalTitle: '', workArea: '', proposalNumber: '', memberName: '', unitName: '公安局' })).toBe('公安局收到{unknown}');
    expect(documentNumber('安公警', 2021, 60)).toBe('安公警〔2021〕60号');
  });

  it('print every element in document order, with the date in Arabic numerals', () => {
    const text = renderReplyText({
      docNumber: '安公警〔2021〕60号',
      signer: '郭成吉',
      grade: 'A',
      issuingUnit: '安阳市公安局',
      title: 'T',
      addressee: '尊敬的袁媛委员：',
      opening: 'O',
      body: 'B',
      contactUnit: '安阳市公安局经侦支队',
      contacts: [
        { name: '陈丁', phone: '5156739' },
        { name: '王鹏', phone: '5156055' },
      ],
      copies: ['市委办公室', '市政府办公室', '市政协提案委'],
      date: '2021-11-01',
    });
    expect(text.split('\n').filter(Boolean)).toEqual([
      '安公警〔2021〕60号    签发人：郭成吉',
      '办理结果：A',
      '安阳市公安局',
      'T',
      '尊敬的袁媛委员：',
      'O',
      'B',
      '联系单位：安阳市公安局经侦支队',
      '联 系 人：陈丁    王鹏',
      '联系电话：5156739   5156055',
      '抄送：市委办公室、市政府办公室、市政协提案委',
      '2021年11月1日',
    ]);
  });
});
