import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`, done by .ci/run); CHROMIUM_PATH names another. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve('test-artifacts', 'web');
/** The impacts that fail a screen; moderate and minor ones are reported by axe but not enforced here. */
const FAILING_IMPACTS = new Set(['serious', 'critical']);

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Where a story's screenshots go: test-artifacts/web/, or a folder of its own there (`story`). */
export const artifactsOf = (story?: string): string => (story ? path.join(ARTIFACTS, story) : ARTIFACTS);

/**
 * Chromium for one spec. Clears that spec's screenshots only (its own folder when it names a `story`,
 * as every spec does), so specs never delete each other's.
 */
export async function launchChromium(story?: string): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The browser specs need Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).`);
  }
  if (!existsSync(path.resolve('dist', 'web', 'index.html'))) {
    throw new Error('The browser specs drive the built web app: run npm run build:web (npm test does) first.');
  }
  const dir = artifactsOf(story);
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(dir)) if (file.endsWith('.png')) rmSync(path.join(dir, file), { force: true });
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** One person at the browser: a context of their own (cookies, storage), the page, and what went wrong on it. */
export class RoleBrowser {
  readonly problems: string[] = [];
  /** Console errors a step causes on purpose (Chromium logs every 4xx answer), each allowed once. */
  private readonly expected: RegExp[] = [];

  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly counter: { next: number; story?: string },
  ) {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = `${message.text()} (${message.location().url})`;
      const expected = this.expected.findIndex((pattern) => pattern.test(text));
      if (expected >= 0) this.expected.splice(expected, 1);
      else this.problems.push(`console error on ${page.url()}: ${text}`);
    });
    page.on('pageerror', (error) => this.problems.push(`uncaught ${error.name} on ${page.url()}: ${error.message}`));
    page.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText ?? '';
      // A navigation away aborts requests still running; that is not a failure of the app.
      if (!failure.includes('ERR_ABORTED')) this.problems.push(`request failed: ${request.method()} ${request.url()} ${failure}`);
    });
  }

  static async open(browser: Browser, name: string, baseURL: string, counter: { next: number; story?: string }, viewport = { width: 1280, height: 900 }): Promise<RoleBrowser> {
    // Less motion, as a person may ask their system for: antd then opens dialogs without zooming, and a click
    // during the zoom (lost now and then on a loaded machine, the dialog staying open) cannot happen.
    const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true, reducedMotion: 'reduce' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    return new RoleBrowser(name, context, page, counter);
  }

  /** The next console error matching this is expected (e.g. the 401 of a wrong password), once. */
  expectConsoleError(pattern: RegExp): void {
    this.expected.push(pattern);
  }

  /** A full-page screenshot saved as a test artifact, numbered in the order of the story. */
  async screenshot(label: string): Promise<string> {
    const file = path.join(artifactsOf(this.counter.story), `${String(this.counter.next++).padStart(2, '0')}-${this.name}-${label}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }

  /** axe-core on the page as it is now: the serious and critical violations (none expected). */
  async axe(): Promise<AxeViolation[]> {
    // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not block it.
    await this.page.evaluate(axeSource);
    // A string, not a function: this file is compiled for Node, without the DOM's types.
    const violations = (await this.page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
      result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`)) as AxeViolation[];
    return violations.filter((v) => v.impact !== null && FAILING_IMPACTS.has(v.impact));
  }

  /** Screenshot and accessibility check of a main screen; returns the failing violations, described. */
  async checkScreen(label: string): Promise<string[]> {
    await this.page.waitForLoadState('networkidle');
    await this.screenshot(label);
    return (await this.axe()).map((v) => `${this.name}/${label}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

/**
 * The frame of a browser story: numbered screenshots, one person per browser context, steps that stop
 * at the first failure (the later ones fail at once, naming it, with a screenshot of every person's
 * page at that moment), and after each step no console error, failed request or serious accessibility
 * violation. Call `start` in `beforeAll`, `verify` in `afterEach`, `close` in `afterAll`.
 */
export class BrowserStory {
  readonly people: RoleBrowser[] = [];
  private readonly counter: { next: number; story: string };
  private readonly accessibility: string[] = [];
  private brokenAt: string | null = null;
  private browser?: Browser;
  private baseURL = '';

  /** `name` is the folder of test-artifacts/web/ its screenshots go to; each step may take `stepTimeout` ms. */
  constructor(
    name: string,
    private readonly stepTimeout = 60_000,
  ) {
    this.counter = { next: 1, story: name };
  }

  /** Listens on a free port with the app and launches Chromium. */
  async start(app: { listen(port: number, host: string): Promise<unknown>; getHttpServer(): { address(): unknown } }): Promise<void> {
    await app.listen(0, '127.0.0.1');
    this.baseURL = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    this.browser = await launchChromium(this.counter.story);
  }

  step(name: string, fn: () => Promise<void>): void {
    it(
      name,
      async () => {
        if (this.brokenAt) throw new Error(`not run: the earlier step "${this.brokenAt}" failed`);
        try {
          await fn();
        } catch (error) {
          this.brokenAt = name;
          await Promise.all(this.people.map((person) => person.screenshot('at-failure').catch(() => undefined)));
          throw error;
        }
      },
      this.stepTimeout,
    );
  }

  async open(name: string, viewport?: { width: number; height: number }): Promise<RoleBrowser> {
    if (!this.browser) throw new Error('BrowserStory.start() first');
    const person = await RoleBrowser.open(this.browser, name, this.baseURL, this.counter, viewport);
    this.people.push(person);
    return person;
  }

  /** Logs in with the demo password and waits to leave the login page. */
  async login(page: Page, username: string): Promise<void> {
    await page.goto('/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill('cppcc-demo-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  /** Screenshot and axe-core check of a main screen; its violations fail the step in `verify`. */
  async check(person: RoleBrowser, label: string): Promise<void> {
    this.accessibility.push(...(await person.checkScreen(label)));
  }

  verify(): void {
    const problems = this.people.flatMap((person) => person.problems.splice(0));
    const failing = this.accessibility.splice(0);
    expect({ problems, accessibility: failing }).toEqual({ problems: [], accessibility: [] });
  }

  async close(): Promise<void> {
    await this.browser?.close();
  }
}
