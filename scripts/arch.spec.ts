import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { MAX_COLLABORATORS, MAX_LINES, measure, measuredFiles, problems } from './arch.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('npm run arch', () => {
  it('counts lines as wc -l does and each class\'s constructor parameters', () => {
    const text = [
      '@Injectable()',
      'export class Small {',
      '  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly clock: Clock) {}',
      '}',
      'export class Wide {',
      `  constructor(${Array.from({ length: MAX_COLLABORATORS + 1 }, (_, i) => `private readonly c${i}: C${i}`).join(', ')}) {}`,
      '}',
      'export class NoConstructor {}',
      '',
    ].join('\n');
    const size = measure('x.service.ts', text);
    expect(size.lines).toBe(8);
    expect(size.classes.map(({ name, collaborators }) => [name, collaborators.length])).toEqual([
      ['Small', 2],
      ['Wide', MAX_COLLABORATORS + 1],
      ['NoConstructor', 0],
    ]);
    expect(size.classes[0].collaborators).toEqual(['DataSource', 'Clock']);
    expect(problems(size)).toEqual([`Wide: ${MAX_COLLABORATORS + 1} collaborators > ${MAX_COLLABORATORS}`]);
    expect(problems({ file: 'y.service.ts', lines: MAX_LINES + 1, classes: [] })).toEqual([`${MAX_LINES + 1} lines > ${MAX_LINES}`]);
    expect(problems({ file: 'z.service.ts', lines: MAX_LINES, classes: [] })).toEqual([]);
  });

  it('finds the services and processors of libs/ and apps/', () => {
    const files = measuredFiles(root);
    expect(files).toEqual(expect.arrayContaining(['libs/proposals/src/proposals.service.ts', 'libs/org/src/org.service.ts', 'apps/worker/src/reminders.processor.ts']));
    expect(files.every((file) => /^(libs|apps)\/.*\.(service|processor)\.ts$/.test(file) && !file.startsWith('apps/web/'))).toBe(true);
  });

  it('finds every service and processor of libs/ and apps/ within the target (split in #18)', () => {
    const over = measuredFiles(root)
      .map((file) => ({ file, problems: problems(measure(file, readFileSync(path.join(root, file), 'utf8'))) }))
      .filter((size) => size.problems.length > 0);
    expect(over).toEqual([]);
  });
});
