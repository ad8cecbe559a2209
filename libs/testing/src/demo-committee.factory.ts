import type { DataSource } from 'typeorm';
import { ANYANG, type DemoCommittee, type LoadedCommittee, loadDemoCommittee } from '#app/demo';
import type { OrgServices } from '#app/org';

let counter = 0;

/**
 * A copy of a demo committee with unique committee, session and user names, so test files sharing one
 * database never collide. Usernames become e.g. `yuanyuan-k3f9`.
 */
export function uniqueCommittee(base: DemoCommittee = ANYANG): { spec: DemoCommittee; tag: string } {
  counter += 1;
  const tag = `${process.pid.toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return {
    tag,
    spec: {
      ...base,
      name: `${base.name}-${tag}`,
      users: base.users.map((user) => ({ ...user, username: `${user.username}-${tag}` })),
    },
  };
}

export interface TestCommittee extends LoadedCommittee {
  spec: DemoCommittee;
  tag: string;
  /** Username in this committee for a demo username (`yuanyuan` → `yuanyuan-k3f9`). */
  username(base: string): string;
  userId(base: string): string;
}

export async function createTestCommittee(dataSource: DataSource, org: OrgServices, base: DemoCommittee = ANYANG): Promise<TestCommittee> {
  const { spec, tag } = uniqueCommittee(base);
  const loaded = await loadDemoCommittee(dataSource, org, spec);
  return {
    ...loaded,
    spec,
    tag,
    username: (name) => `${name}-${tag}`,
    userId: (name) => {
      const id = loaded.userIds[`${name}-${tag}`];
      if (!id) throw new Error(`no demo user ${name} in the test committee`);
      return id;
    },
  };
}
