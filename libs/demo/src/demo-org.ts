import { DataSource } from 'typeorm';
import { hashPassword, setSeriesStart } from '#app/core';
import { CommitteeLevel, createCommitteeWithAdmin, type OrgServices, Role, type SessionInput, type UnitInput, UnitKind } from '#app/org';

/** The one password every demo user has (the seed refuses to run in production). */
export const DEMO_PASSWORD = 'cppcc-demo-2026';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  /** Key of a unit in the committee's unit list, for unit roles. */
  unit?: string;
  phone?: string;
  note: string;
}

/** A unit as UnitsService takes it, with a key to refer to it and its parent's key. */
export interface DemoUnit extends Omit<UnitInput, 'parentId'> {
  key: string;
  parent?: string;
}

export interface DemoCommittee {
  name: string;
  level: CommitteeLevel;
  region: string;
  units: DemoUnit[];
  session: Omit<SessionInput, 'defaultCopyUnitIds' | 'deadlineRules' | 'reminderPlan'> & {
    /** Offices copied on every reply (抄送), by unit key, in document order. */
    copies: string[];
  };
  users: DemoUser[];
}

const OFFICES: DemoUnit[] = [
  { key: 'office-party', name: '市委办公室', kind: UnitKind.Office },
  { key: 'office-government', name: '市政府办公室', kind: UnitKind.Office },
  { key: 'office-committee', name: '市政协提案委', kind: UnitKind.Office },
];

/** 安阳市政协: the golden example (proposal 365 and the police reply 安公警〔2021〕60号). */
export const ANYANG: DemoCommittee = {
  name: '安阳市政协',
  level: CommitteeLevel.City,
  region: '河南省安阳市',
  units: [
    { key: 'police', name: '安阳市公安局', kind: UnitKind.Handling, docPrefix: '安公警', workArea: '公安工作' },
    { key: 'police-economic', name: '安阳市公安局经侦支队', kind: UnitKind.Handling, parent: 'police' },
    { key: 'finance', name: '安阳市金融工作局', kind: UnitKind.Handling, docPrefix: '安金', workArea: '金融工作' },
    ...OFFICES,
  ],
  session: {
    name: '政协十三届安阳市委员会四次会议',
    term: 13,
    meeting: 4,
    year: 2021,
    plenaryStart: '2021-02-26',
    plenaryEnd: '2021-03-01',
    copies: ['office-party', 'office-government', 'office-committee'],
  },
  users: [
    { username: 'anyang-admin', displayName: '安阳管理员', role: Role.Admin, note: '管理员 admin: units, sessions, users' },
    { username: 'anyang-staff', displayName: '李敏', role: Role.Staff, note: '提案委工作人员 committee staff: review, file, assign, close' },
    { username: 'yuanyuan', displayName: '袁媛', role: Role.Member, note: '委员 member, proposer of No. 365' },
    { username: 'chending', displayName: '陈丁', role: Role.Drafter, unit: 'police', phone: '5156739', note: '经办人 drafter, 安阳市公安局' },
    { username: 'wangpeng', displayName: '王鹏', role: Role.Drafter, unit: 'police', phone: '5156055', note: '经办人 drafter, 安阳市公安局' },
    { username: 'guochengji', displayName: '郭成吉', role: Role.Leader, unit: 'police', note: '签发人 signing leader, 安阳市公安局' },
    { username: 'anyang-swb', displayName: '市委办公室收文', role: Role.Office, unit: 'office-party', note: '抄送单位 office: 市委办公室' },
    { username: 'anyang-zfb', displayName: '市政府办公室收文', role: Role.Office, unit: 'office-government', note: '抄送单位 office: 市政府办公室' },
    { username: 'anyang-tawb', displayName: '市政协提案委收文', role: Role.Office, unit: 'office-committee', note: '抄送单位 office: 市政协提案委' },
  ],
};

/** 兰州市政协: a second committee, whose police reply draws on the 2024 Lanzhou press release. */
export const LANZHOU: DemoCommittee = {
  name: '兰州市政协',
  level: CommitteeLevel.City,
  region: '甘肃省兰州市',
  units: [
    { key: 'police', name: '兰州市公安局', kind: UnitKind.Handling, docPrefix: '兰公', workArea: '公安工作' },
    { key: 'police-economic', name: '兰州市公安局经侦支队', kind: UnitKind.Handling, parent: 'police' },
    ...OFFICES,
  ],
  session: {
    name: '政协十五届兰州市委员会四次会议',
    term: 15,
    meeting: 4,
    year: 2025,
    plenaryStart: '2025-01-08',
    plenaryEnd: '2025-01-11',
    copies: ['office-party', 'office-government', 'office-committee'],
  },
  users: [
    { username: 'lanzhou-admin', displayName: '兰州管理员', role: Role.Admin, note: '管理员 admin' },
    { username: 'lanzhou-staff', displayName: '赵静', role: Role.Staff, note: '提案委工作人员 committee staff' },
    { username: 'wangfang', displayName: '王芳', role: Role.Member, note: '委员 member (demo person)' },
    { username: 'liuyang', displayName: '刘洋', role: Role.Drafter, unit: 'police', phone: '0931-8000001', note: '经办人 drafter, 兰州市公安局 (demo person)' },
    { username: 'zhangwei', displayName: '张伟', role: Role.Leader, unit: 'police', note: '签发人 signing leader, 兰州市公安局 (demo person)' },
    { username: 'lanzhou-swb', displayName: '兰州市委办公室收文', role: Role.Office, unit: 'office-party', note: '抄送单位 office: 市委办公室' },
  ],
};

export interface LoadedCommittee {
  committeeId: string;
  sessionId: string;
  unitIds: Record<string, string>;
  userIds: Record<string, string>;
}

/** Creates a demo committee, its units, session and users (through the org services, so it is all audited). */
export async function loadDemoCommittee(dataSource: DataSource, org: OrgServices, demo: DemoCommittee): Promise<LoadedCommittee> {
  const [adminSpec, ...others] = demo.users;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { committeeId, adminId } = await createCommitteeWithAdmin(
    dataSource.manager,
    { name: demo.name, level: demo.level, region: demo.region },
    { username: adminSpec.username, displayName: adminSpec.displayName, passwordHash },
  );
  const actor = { userId: adminId, committeeId };

  const unitIds: Record<string, string> = {};
  for (const { key, parent, ...unit } of demo.units) {
    unitIds[key] = (await org.units.createUnit(actor, { ...unit, parentId: parent ? unitIds[parent] : null })).id;
  }
  const { copies, ...sessionInput } = demo.session;
  const session = await org.sessions.createSession(actor, { ...sessionInput, defaultCopyUnitIds: copies.map((key) => unitIds[key]) });
  const userIds: Record<string, string> = { [adminSpec.username]: adminId };
  for (const user of others) {
    const created = await org.users.createUser(actor, {
      username: user.username,
      displayName: user.displayName,
      password: DEMO_PASSWORD,
      phone: user.phone ?? null,
      memberships: [{ role: user.role, unitId: user.unit ? unitIds[user.unit] : null }],
    });
    userIds[user.username] = created.id;
  }
  return { committeeId, sessionId: session.id, unitIds, userIds };
}

/** Continues a committee's numbering where it stood before this system (e.g. proposal 365, document 60). */
export async function continueNumbering(dataSource: DataSource, committeeId: string, series: string, lastValue: number): Promise<void> {
  await setSeriesStart(dataSource.manager, committeeId, series, lastValue);
}
