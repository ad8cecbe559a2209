/**
 * The check behind scripts/error-codes.spec.ts (#18): every error code is a typed constant of a
 * catalogue (`<lib>.errors.ts`, `apps/api/src/common/api.errors.ts`), never a string written at a throw
 * site. It reads the TypeScript sources with the compiler API, so it needs no build and no database.
 */
import ts from 'typescript';
import { sourceFiles } from './arch.js';

/** A code as clients see it: upper snake case (`REPLY_NOT_FOUND`, `UNAUTHENTICATED`). */
export const CODE_SHAPE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

const ROOTS = ['libs', 'apps/api/src', 'apps/worker/src'];

/** The sources checked, relative to `root`: product code of libs/ and apps/ (not specs, not the catalogues, not the web app). */
export function checkedFiles(root: string): string[] {
  return sourceFiles(root, ROOTS, (name) => name.endsWith('.ts') && !/(\.|-)spec\.ts$/.test(name) && !name.endsWith('.errors.ts'));
}

/** What one file says about error codes. */
export interface CodeUse {
  /** `file:line  what` for each code written inline. */
  inline: string[];
  /** `[constant, code, kind]` for each `new DomainError('kind', XErrorCode.CODE, …)`, kind null when not a literal. */
  thrown: Array<[string, string, string | null]>;
  /** `[constant, code]` for each `XErrorCode.CODE` read anywhere. */
  named: Array<[string, string]>;
  /** Codes raised without being written: `DomainError.notFound('Reply', …)` → REPLY_NOT_FOUND, `staleVersion` → STALE_VERSION. */
  derived: string[];
}

const literalText = (node: ts.Node): string | null => (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : null);

const isDomainErrorCall = (node: ts.Node): node is ts.NewExpression | ts.CallExpression =>
  (ts.isNewExpression(node) && node.expression.getText() === 'DomainError') ||
  (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.expression.getText() === 'DomainError');

/**
 * Reads `text` (the source of `file`): a code is inline when an upper-snake string is an argument of a
 * DomainError constructor or factory, or when any string literal equals a code of `knownCodes`.
 */
export function scan(file: string, text: string, knownCodes: ReadonlySet<string>): CodeUse {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const use: CodeUse = { inline: [], thrown: [], named: [], derived: [] };
  const where = (node: ts.Node): string => `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (isDomainErrorCall(node)) {
      const args = node.arguments ?? [];
      for (const arg of args) {
        const value = literalText(arg);
        if (value !== null && CODE_SHAPE.test(value)) use.inline.push(`${where(arg)}  '${value}' passed to ${node.expression.getText(source)}`);
      }
      if (ts.isNewExpression(node) && args.length >= 2 && ts.isPropertyAccessExpression(args[1])) {
        use.thrown.push([args[1].expression.getText(source), args[1].name.text, literalText(args[0])]);
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const entity = args.length > 0 ? literalText(args[0]) : null;
        if (node.expression.name.text === 'notFound' && entity !== null) use.derived.push(`${entity.toUpperCase()}_NOT_FOUND`);
        if (node.expression.name.text === 'staleVersion') use.derived.push('STALE_VERSION');
      }
    } else {
      const value = literalText(node);
      if (value !== null && knownCodes.has(value) && !(node.parent && isDomainErrorCall(node.parent))) use.inline.push(`${where(node)}  '${value}'`);
    }
    if (ts.isPropertyAccessExpression(node) && /ErrorCode$/.test(node.expression.getText(source)) && CODE_SHAPE.test(node.name.text)) {
      use.named.push([node.expression.getText(source), node.name.text]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return use;
}

/** The catalogue a file's derived codes belong to: its lib's, or the api's for apps. */
export function catalogueOf(file: string): string {
  return file.startsWith('libs/') ? file.split('/')[1] : 'api';
}

/** The catalogue a constant reads: `HandlingErrorCode` → handling, `ApiErrorCode` → api. */
export function catalogueOfConstant(constant: string): string {
  return constant.replace(/ErrorCode$/, '').toLowerCase();
}
