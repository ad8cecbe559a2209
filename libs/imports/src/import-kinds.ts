/** What a committee brings over from its spreadsheets (#21), one template and one sheet per kind. */
export enum ImportKind {
  /** 委员: members with their 界别 */
  Members = 'members',
  /** 单位: handling units and offices with their remits and contacts */
  Units = 'units',
  /** 用户: users with their roles and units */
  Users = 'users',
  /** 往届提案: a past session's proposals with how they were assigned, answered and rated */
  History = 'history',
  /** 代录提案: the current session's paper proposals, entered by staff for their members */
  Paper = 'paper',
}

/** Kinds an administrator imports (org data); the proposal kinds are the committee staff's. */
export const ORG_IMPORT_KINDS: readonly ImportKind[] = [ImportKind.Members, ImportKind.Units, ImportKind.Users];
export const PROPOSAL_IMPORT_KINDS: readonly ImportKind[] = [ImportKind.History, ImportKind.Paper];

export type ColumnType = 'text' | 'int' | 'date';

/** One column of a template: its Chinese header (what people see and the file is read by), its rules. */
export interface ColumnSpec {
  key: string;
  header: string;
  type: ColumnType;
  required: boolean;
  /** The longest text allowed (characters). */
  max: number;
  /** What to write in it, shown under the header in the template's 说明 sheet and the docs. */
  note: string;
}

const col = (key: string, header: string, max: number, required: boolean, note: string, type: ColumnType = 'text'): ColumnSpec => ({ key, header, type, required, max, note });

export const SHEET_NAMES: Readonly<Record<ImportKind, string>> = {
  [ImportKind.Members]: '委员',
  [ImportKind.Units]: '单位',
  [ImportKind.Users]: '用户',
  [ImportKind.History]: '往届提案',
  [ImportKind.Paper]: '代录提案',
};

export const KIND_COLUMNS: Readonly<Record<ImportKind, readonly ColumnSpec[]>> = {
  [ImportKind.Members]: [
    col('username', '用户名', 64, false, '登录名；留空时以手机号为用户名（用户名或手机号至少填一项）'),
    col('name', '姓名', 64, true, '委员姓名'),
    col('sector', '界别', 40, false, '本会界别代码表中的一项，如 民盟、教育界'),
    col('phone', '手机', 32, false, '数字，可含 + 和 -'),
    col('email', '电子邮箱', 254, false, '如 name@example.cn'),
  ],
  [ImportKind.Units]: [
    col('name', '单位名称', 100, true, '单位全称，本会内唯一'),
    col('kind', '类型', 10, true, '承办单位 或 抄送单位'),
    col('parent', '上级单位', 100, false, '本表或系统中已有单位的全称'),
    col('docPrefix', '发文字号前缀', 20, false, '如 安公警'),
    col('workArea', '工作领域', 40, false, '如 公安工作'),
    col('remit', '职责关键词', 2000, false, '以顿号（、）分隔，每个不超过 20 字'),
    col('contacts', '联系人', 1000, false, '姓名 电话，多人以分号（；）分隔，如 陈丁 5156739；王鹏 5156055'),
  ],
  [ImportKind.Users]: [
    col('username', '用户名', 64, true, '登录名'),
    col('name', '姓名', 64, true, '姓名'),
    col('phone', '手机', 32, false, '数字，可含 + 和 -'),
    col('email', '电子邮箱', 254, false, '如 name@example.cn'),
    col('roles', '角色', 2000, true, '以顿号（、）分隔：委员、提案委工作人员、管理员，或 经办人（单位全称）、单位领导（单位全称）、抄送单位（单位全称）'),
  ],
  [ImportKind.History]: [
    col('session', '届次会议', 100, true, '系统中已建的届次会议全称'),
    col('number', '编号', 10, true, '该届次内的提案编号（正整数）', 'int'),
    col('title', '标题', 200, true, '案由'),
    col('category', '类别', 40, false, '提案类别代码表中的一项'),
    col('lead', '领衔人', 64, true, '委员的用户名'),
    col('cosigners', '联名人', 2000, false, '委员用户名，以顿号（、）分隔'),
    col('body', '正文', 20000, true, '提案全文'),
    col('filedOn', '立案日期', 10, true, 'YYYY-MM-DD', 'date'),
    col('leadUnit', '主办单位', 100, true, '承办单位全称'),
    col('coUnits', '会办单位', 2000, false, '承办单位全称，以顿号（、）分隔'),
    col('assignedOn', '交办日期', 10, true, 'YYYY-MM-DD', 'date'),
    col('repliedOn', '答复日期', 10, false, 'YYYY-MM-DD；留空表示无答复记录', 'date'),
    col('grade', '办理结果', 4, false, '办理结果代码（A、B、C），须有答复日期'),
    col('satisfaction', '满意度', 10, false, '满意、基本满意 或 不满意，须有答复日期'),
    col('closedOn', '办结日期', 10, true, 'YYYY-MM-DD', 'date'),
  ],
  [ImportKind.Paper]: [
    col('session', '届次会议', 100, true, '系统中已建的届次会议全称'),
    col('lead', '领衔人', 64, true, '委员的用户名'),
    col('cosigners', '联名人', 2000, false, '委员用户名，以顿号（、）分隔'),
    col('title', '标题', 200, true, '案由；同一领衔人在同一届次内不重复'),
    col('category', '类别', 40, false, '提案类别代码表中的一项'),
    col('body', '正文', 20000, true, '提案全文'),
    col('suggestedUnits', '建议承办单位', 2000, false, '承办单位全称，以顿号（、）分隔'),
    col('submittedOn', '提交日期', 10, true, 'YYYY-MM-DD：纸质提案交来的日期', 'date'),
  ],
};

/** Splits a list cell (、，, ; ；and new lines all separate). */
export const splitList = (text: string): string[] =>
  text.split(/[、，,;；\n]+/).map((part) => part.trim()).filter((part) => part.length > 0);

export const joinList = (items: readonly string[]): string => items.join('、');
