import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every TypeScript source of libs/ and apps/ (not the browser app, not specs), relative to the root. */
function sources(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && relative !== 'apps/web') walk(relative);
      } else if (/\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec|web-spec)\.ts$/.test(entry.name)) {
        found.push(relative);
      }
    }
  };
  walk('libs');
  walk('apps');
  return found;
}

const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

/**
 * What follows a write is a reaction to a domain event (ADR 17): a write path publishes an event, and
 * only the reaction (a `*.listener.ts`) refreshes search documents or schedules reminders. The functions
 * stay exported for the reactions, the rebuilds and the benchmark's checks; this spec holds the line.
 */
describe('follow-ups of a write are reactions to domain events', () => {
  const FOLLOW_UPS: ReadonlyArray<{ call: RegExp; allowed: readonly string[] }> = [
    { call: /\brefreshProposalSearch\(/, allowed: ['libs/proposals/src/proposal-search.ts', 'libs/proposals/src/proposal-search.listener.ts'] },
    { call: /\brefreshReplySearch\(/, allowed: ['libs/replies/src/reply-search.ts', 'libs/replies/src/reply-search.listener.ts'] },
    // The rebuilds (scheduleMissing, rescheduleAllPlanned) live beside `schedule` in the reminders service.
    { call: /\.schedule\(/, allowed: ['libs/reminders/src/reminders.service.ts', 'libs/reminders/src/reminders.listener.ts'] },
  ];

  it.each(FOLLOW_UPS.map((rule) => [rule.call.source, rule] as const))('no write path calls %s itself', (_, { call, allowed }) => {
    const callers = sources().filter((file) => !allowed.includes(file) && read(file).split('\n').some((line) => call.test(line) && !/^\s*(\*|\/\/)/.test(line)));
    expect(callers).toEqual([]);
  });

  it('spots a direct call (the check can fail)', () => {
    const line = '      await refreshProposalSearch(manager, [id]);';
    expect(FOLLOW_UPS[0].call.test(line)).toBe(true);
    expect(FOLLOW_UPS[2].call.test('    await this.reminders.schedule(planned);')).toBe(true);
  });

  const events = sources().flatMap((file) =>
    [...read(file).matchAll(/export const (\w+Event) = defineEvent<\w+>\('([\w.-]+)'\)/g)].map((match) => ({ file, constant: match[1], name: match[2] })),
  );

  it('each lib declares its events in its own <lib>.events.ts, with a static past-tense name', () => {
    expect(events.map((e) => e.name).sort()).toEqual(['proposals.changed', 'reminders.planned', 'replies.changed']);
    for (const { file } of events) expect(file).toMatch(/^libs\/([a-z-]+)\/src\/\1\.events\.ts$/);
    expect(new Set(events.map((e) => e.name)).size).toBe(events.length);
  });

  it('every event has a reaction in a listener, and the worker loads that listener so that its drain can complete the event', () => {
    const listeners = sources().filter((file) => file.endsWith('.listener.ts'));
    const worker = read('apps/worker/src/worker.module.ts');
    for (const { constant, name } of events) {
      const reactingIn = listeners.filter((file) => new RegExp(`\\.on\\(${constant},`).test(read(file)));
      expect({ name, reactingIn: reactingIn.length > 0 }).toEqual({ name, reactingIn: true });
      for (const listener of reactingIn) {
        const listenerClass = /export class (\w+Listener)/.exec(read(listener))?.[1] as string;
        // The module whose providers hold the listener, which the worker must import.
        const module = sources()
          .map((file) => new RegExp(`@Module\\(\\{[^)]*providers: \\[[^\\]]*\\b${listenerClass}\\b[^)]*\\)\\s*export class (\\w+)`).exec(read(file))?.[1])
          .find(Boolean);
        expect({ listenerClass, module, inWorker: module !== undefined && worker.includes(module) }).toEqual({ listenerClass, module, inWorker: true });
      }
    }
  });
});
