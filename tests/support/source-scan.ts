/**
 * Reads the project's source files with the TypeScript parser (so comments never count) and lists
 * their imports and string literals, for the house-boundary rules in tests/unit/boundaries.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import ts from 'typescript';

export const REPO_ROOT = path.resolve(__dirname, '../..');
const SOURCE_EXT = /\.(ts|tsx|mts|cts|js|cjs|mjs)$/;
// Callers scan electron/, shared/ … (never the root), so vitest's root coverage/ report is never walked; skipping
// every folder named 'coverage' hid the eldercare coverage part from the boundary and issue-code tests.
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'artifacts']);

export interface Located {
  text: string;
  line: number;
}
export interface Import extends Located {
  /** `import type …`, `export type … from`, or every named binding marked `type`: erased at build. */
  typeOnly: boolean;
}
export interface SourceFacts {
  imports: Import[];
  strings: Located[];
}
export interface Violation {
  file: string;
  line: number;
  message: string;
}
export const formatViolation = (v: Violation) => `${v.file}:${v.line}: ${v.message}`;

/** Repo-relative (posix) paths of the source files under `dir`. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    if (!fs.existsSync(abs)) return;
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(path.join(abs, entry.name));
      } else if (SOURCE_EXT.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        out.push(path.relative(REPO_ROOT, path.join(abs, entry.name)).split(path.sep).join('/'));
      }
    }
  };
  walk(path.join(REPO_ROOT, dir));
  return out.sort();
}

/** Module specifiers (import, export … from, import(), require()) and string literals, with lines. */
export function scanSource(fileName: string, text: string): SourceFacts {
  const kind = /\.tsx$/.test(fileName) ? ts.ScriptKind.TSX : /\.(c|m)?js$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const facts: SourceFacts = { imports: [], strings: [] };
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      facts.imports.push({ text: node.moduleSpecifier.text, line: lineOf(node), typeOnly: isTypeOnly(node) });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      facts.imports.push({ text: node.moduleReference.expression.text, line: lineOf(node), typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isImport || isRequire) facts.imports.push({ text: node.arguments[0].text, line: lineOf(node), typeOnly: false });
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      facts.strings.push({ text: node.text, line: lineOf(node) });
    } else if (ts.isTemplateExpression(node)) {
      // Join the literal parts so `SELECT ${cols} FROM x` is seen as one piece of SQL.
      facts.strings.push({ text: [node.head.text, ...node.templateSpans.map((s) => `\${…}${s.literal.text}`)].join(''), line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return facts;
}

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    if (node.isTypeOnly) return true;
    return !!node.exportClause && ts.isNamedExports(node.exportClause) && node.exportClause.elements.length > 0 && node.exportClause.elements.every((e) => e.isTypeOnly);
  }
  const clause = node.importClause;
  if (!clause) return false; // a side-effect import runs the module
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

export function readFacts(file: string): SourceFacts {
  return scanSource(file, fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'));
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0]]));

export const isElectronImport = (spec: string) => spec === 'electron' || spec.startsWith('electron/');
export const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || BUILTINS.has(spec) || BUILTINS.has(spec.split('/')[0]);

/** The plain-Node parts (core, CLI, bureau) never import Electron. */
export function checkNoElectron(file: string, facts: SourceFacts): Violation[] {
  return facts.imports.filter((i) => isElectronImport(i.text)).map((i) => ({ file, line: i.line, message: `imports '${i.text}' (core, CLI and bureau run in plain Node)` }));
}

/** shared/ runs in the browser too: no Node built-ins, no Electron. */
export function checkSharedImports(file: string, facts: SourceFacts): Violation[] {
  return facts.imports
    .filter((i) => isElectronImport(i.text) || isNodeBuiltin(i.text))
    .map((i) => ({ file, line: i.line, message: `imports '${i.text}' (shared/ may not use Node built-ins or Electron)` }));
}

/** The renderer imports itself, shared/ (relative or '@shared/…') and npm packages; never Electron, Node or electron/. */
export function checkRendererImports(file: string, facts: SourceFacts): Violation[] {
  const violations: Violation[] = [];
  for (const i of facts.imports) {
    const spec = i.text.replace(/\?.*$/, '');
    let problem: string | undefined;
    if (spec.startsWith('.')) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      if (!target.startsWith('renderer/') && !target.startsWith('shared/')) problem = `reaches outside renderer/ and shared/ (${target})`;
    } else if (spec.startsWith('/') || /^[A-Za-z]:/.test(spec)) {
      problem = 'is an absolute path';
    } else if (isElectronImport(spec)) {
      problem = 'is Electron';
    } else if (isNodeBuiltin(spec)) {
      problem = 'is a Node built-in';
    } else if (spec.startsWith('@shared') && spec !== '@shared' && !spec.startsWith('@shared/')) {
      problem = 'is not a shared/ path';
    }
    if (problem) violations.push({ file, line: i.line, message: `imports '${i.text}', which ${problem}` });
  }
  return violations;
}

const SQL = /\bSELECT\s|\bINSERT\s+INTO\b|\bUPDATE\s|\bDELETE\s+FROM\b/;
/** Where SQL may be written: repositories and the db layer. */
export const mayHoldSql = (file: string) => /^electron\/core\/(.+\/)?repository\.ts$/.test(file) || file.startsWith('electron/core/db/');

export function checkSql(file: string, facts: SourceFacts): Violation[] {
  if (mayHoldSql(file)) return [];
  return facts.strings
    .filter((s) => SQL.test(s.text))
    .map((s) => ({ file, line: s.line, message: `SQL outside a repository: ${JSON.stringify(s.text.slice(0, 60))}` }));
}

/**
 * A migration must do the same thing forever, so it runs no app code that may change after it:
 * Node built-ins and npm packages only, and types (erased at build) from anywhere.
 */
export function checkMigrationImports(file: string, facts: SourceFacts): Violation[] {
  return facts.imports
    .filter((i) => !i.typeOnly && (i.text.startsWith('.') || i.text.startsWith('/') || i.text === '@shared' || i.text.startsWith('@shared/')))
    .map((i) => ({ file, line: i.line, message: `imports '${i.text}' (a migration copies what it needs from app code, frozen at its version)` }));
}

/**
 * Where the core and shared/ name a field-issue code (a `validation.<code>` message) as a literal:
 * - the code argument of the producers: invalidInput(path, code), the import's row helpers
 *   issue(field, code) / addIssue(row, code), new ImportFileError(code), assertWritable(file, language, code);
 * - `code:` in an issue-shaped object literal (one that also has `path` or `field`);
 * - `message:` in an object literal passed to a call, when it is code-shaped: zod's way of naming
 *   a schema's own code (`.min(1, { message: 'required' })`, `ctx.addIssue({ message })`);
 * - what a function declared to return a ValidationCode returns, and a ValidationCode parameter's default.
 * A template (`backup.${reason}`) is reported with `template: true` and its literal head.
 */
export interface IssueCodeLiteral extends Located {
  template: boolean;
}

const PRODUCERS: Record<string, number> = { invalidInput: 1, issue: 1, addIssue: 1, ImportFileError: 0, assertWritable: 2 };
const CODE_SHAPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

export function scanIssueCodes(fileName: string, text: string): IssueCodeLiteral[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, /\.tsx$/.test(fileName) ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const found: IssueCodeLiteral[] = [];
  /** The literals an expression in a code position can evaluate to. */
  const collect = (node: ts.Expression, codeShapedOnly = false): void => {
    if (ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node) || ts.isAsExpression(node)) return collect(node.expression, codeShapedOnly);
    if (ts.isConditionalExpression(node)) {
      collect(node.whenTrue, codeShapedOnly);
      collect(node.whenFalse, codeShapedOnly);
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (!codeShapedOnly || CODE_SHAPE.test(node.text)) found.push({ text: node.text, line: lineOf(node), template: false });
    } else if (ts.isTemplateExpression(node)) {
      if (!codeShapedOnly || /^[a-z][a-z0-9_.]*$/.test(node.head.text)) found.push({ text: node.head.text, line: lineOf(node), template: true });
    }
  };
  const nameOf = (callee: ts.Expression) => (ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '');
  const property = (literal: ts.ObjectLiteralExpression, name: string) =>
    literal.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name);
  const visit = (node: ts.Node, returnsCode: boolean) => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const index = PRODUCERS[nameOf(node.expression)];
      const argument = index === undefined ? undefined : node.arguments?.[index];
      if (argument) collect(argument);
      if (ts.isCallExpression(node)) {
        for (const arg of node.arguments) {
          const message = ts.isObjectLiteralExpression(arg) ? property(arg, 'message') : undefined;
          if (message) collect(message.initializer, true);
        }
      }
    }
    if (ts.isObjectLiteralExpression(node)) {
      const code = property(node, 'code');
      if (code && (property(node, 'path') || property(node, 'field'))) collect(code.initializer);
    }
    if (ts.isReturnStatement(node) && node.expression && returnsCode) collect(node.expression);
    if (ts.isParameter(node) && node.initializer && node.type && /\bValidationCode\b/.test(node.type.getText(source))) collect(node.initializer);
    const declaresCode = ts.isFunctionLike(node) && node.type !== undefined && /\bValidationCode\b/.test(node.type.getText(source));
    ts.forEachChild(node, (child) => visit(child, ts.isFunctionLike(node) ? declaresCode : returnsCode));
  };
  visit(source, false);
  return found;
}
