import { chineseDate } from '#app/core';
import type { ReplyContact } from './reply.entity.js';

/** Every element of a reply document, in the order it is printed (see the Anyang reply). */
export interface ReplyDocument {
  docNumber: string | null;
  signer: string | null;
  grade: string | null;
  issuingUnit: string;
  title: string;
  addressee: string;
  opening: string;
  body: string;
  contactUnit: string | null;
  contacts: ReplyContact[];
  copies: string[];
  date: string | null;
}

/** 关于对政协十三届安阳市委员会四次会议第365号提案的答复 */
export function replyTitle(sessionName: string, proposalNumber: number): string {
  return `关于对${sessionName}第${proposalNumber}号提案的答复`;
}

/** 尊敬的袁媛委员： — the lead proposer, as the member is addressed. */
export function replyAddressee(memberName: string): string {
  return `尊敬的${memberName}委员：`;
}

/** 民盟安阳市委： — a collective proposal (集体提案) is answered to the party, 界别 or group. */
export function groupAddressee(groupName: string): string {
  return `${groupName}：`;
}

/** 关于对政协十三届安阳市委员会四次会议第365号提案的会办意见 */
export function coOpinionTitle(sessionName: string, proposalNumber: number): string {
  return `关于对${sessionName}第${proposalNumber}号提案的会办意见`;
}

/** 安公警〔2021〕60号 — unit prefix, full year in 〔〕, number in the unit's own series. */
export function documentNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}〔${year}〕${seq}号`;
}

/** A unit's own document-number series, per reply kind and year. */
export function documentNumberSeries(unitId: string, kind: string, year: number): string {
  return `doc-${unitId}-${kind}-${year}`;
}

/** The document as plain text, element by element in print order (used for previews and checks). */
export function renderReplyText(doc: ReplyDocument): string {
  const lines = [
    `${doc.docNumber ?? '（文号待签发时生成）'}    签发人：${doc.signer ?? '（待签发）'}`,
    `办理结果：${doc.grade ?? '（未定）'}`,
    doc.issuingUnit,
    '',
    doc.title,
    '',
    doc.addressee,
    '',
    doc.opening,
    doc.body,
    '',
    `联系单位：${doc.contactUnit ?? ''}`,
    `联 系 人：${doc.contacts.map((c) => c.name).join('    ')}`,
    `联系电话：${doc.contacts.map((c) => c.phone).join('   ')}`,
    `抄送：${doc.copies.join('、')}`,
    doc.date ? chineseDate(doc.date) : '（日期待签发时生成）',
  ];
  return lines.join('\n');
}
