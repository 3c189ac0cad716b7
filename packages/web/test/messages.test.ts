// Every UI word in src/messages.ts is shown somewhere, and every key the code asks for exists.
// The source is read with the TypeScript parser: a key is used when it appears as a string literal
// anywhere in src (a `t('…')` call, or a table of keys read with `t()` later). A key built at run
// time (t(`role.${role}`)) is covered by its template, which must be listed in DYNAMIC_KEYS below.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { en } from '../src/messages';

const SRC = join(import.meta.dirname, '..', 'src');

/**
 * Keys the code builds from data (an enum value, a kind, a status), as the template reads in the
 * source with `*` for each value put in. A key matching one of these counts as used; a template
 * key not listed here fails the test, so each new one is looked at once.
 */
const DYNAMIC_KEYS = [
  'ae.outcome.*', // ae-format.ts outcomeLabel
  'ae.relation.*', // ae-format.ts relationLabel
  'ae.serious.*', // ae-format.ts seriousLabel
  'alerts.kind.*', // AlertsPage
  'area.region.*', // treatment areas by region
  'blocked.*', // screening blocks
  'calendar.apptKind.*', // calendar appointment kinds
  'calendar.kind.*', // calendar resource kinds
  'clinicSettings.jurisdiction.*', // ClinicSettings
  'combined.*', // combined-treatment advice
  'consent.status.*', // ConsentPanel
  'decision.*', // screening decisions
  'invite.*.body', // InvitationPage: a closed link
  'invite.*.title', // InvitationPage: a closed link
  'invite.portal.*', // portal account state on the chart
  'invite.state.*', // invitation state on the chart
  'milestone.*', // plan milestones
  'origin.*', // product origins
  'outcome.direction.*', // outcome instruments
  'outcome.tp.*', // outcome timepoints
  'outcomes.reason.*', // why an outcome is not due
  'photos.kind.*', // before / after
  'planStatus.*', // plan status
  'portal.appt.*', // portal appointment kinds
  'portal.milestone.*', // portal plan milestones
  'protocolKind.*', // sourced / clinic protocols
  'recalls.st.*', // recall states
  'registration.*', // product registration status
  'resources.add.*', // resource kinds to add
  'resources.device.*', // device kinds
  'resources.kind.*', // resource kinds
  'role.*', // user roles
  'route.*', // routes of administration
  'sex.*', // patient sex
  'side.*', // left / right / both
  'source.kind.*', // source kinds
  'verdict.*', // regulatory verdicts
  'wizard.step.*', // consultation wizard steps
] as const;

/** `*` stands for one value put in: one key segment (values carry no dots). */
const shapeRe = (shape: string) =>
  new RegExp(
    `^${shape
      .split('*')
      .map((p) => p.replace(/[.]/g, '\\.'))
      .join('[^.]+')}$`,
  );

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

interface Scan {
  /** Every string literal in the source: a key appearing as one is used. */
  literals: Set<string>;
  /** Literal first arguments of t(): each must be a key. */
  asked: { key: string; at: string }[];
  /** Template first arguments of t(), each value put in written as `*`. */
  built: { shape: string; at: string }[];
}

function scan(): Scan {
  const out: Scan = { literals: new Set(), asked: [], built: [] };
  for (const file of sourceFiles(SRC)) {
    if (file === join(SRC, 'messages.ts')) continue;
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const at = (n: ts.Node) =>
      `${relative(SRC, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    const unwrap = (n: ts.Expression): ts.Expression =>
      ts.isAsExpression(n) || ts.isParenthesizedExpression(n) || ts.isSatisfiesExpression(n)
        ? unwrap(n.expression)
        : n;
    const visit = (n: ts.Node) => {
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out.literals.add(n.text);
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 't') {
        const first = n.arguments[0] && unwrap(n.arguments[0]);
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)))
          out.asked.push({ key: first.text, at: at(first) });
        else if (first && ts.isTemplateExpression(first))
          out.built.push({
            shape: first.head.text + first.templateSpans.map((sp) => `*${sp.literal.text}`).join(''),
            at: at(first),
          });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

describe('UI words (src/messages.ts)', () => {
  const keys = Object.keys(en);
  const found = scan();

  it('reads the source (sanity: the scan sees the app)', () => {
    expect(found.asked.length).toBeGreaterThan(500);
    expect(found.built.length).toBeGreaterThan(10);
  });

  it('has every key the code asks for', () => {
    const missing = found.asked.filter((a) => !(a.key in en)).map((a) => `${a.key} (${a.at})`);
    expect(missing, `keys asked for but not in messages.ts:\n${missing.join('\n')}`).toEqual([]);
  });

  it('builds keys only from the listed templates, each of which still is built and has keys', () => {
    const listed = new Set<string>(DYNAMIC_KEYS);
    const unlisted = found.built.filter((b) => !listed.has(b.shape)).map((b) => `${b.shape} (${b.at})`);
    expect(unlisted, `keys built from a template not in DYNAMIC_KEYS:\n${unlisted.join('\n')}`).toEqual([]);
    const stale = DYNAMIC_KEYS.filter(
      (d) => !found.built.some((b) => b.shape === d) || !keys.some((k) => shapeRe(d).test(k)),
    );
    expect(stale, 'templates no longer built, or matching no key: remove them').toEqual([]);
  });

  it('has no key that no code uses', () => {
    const built = DYNAMIC_KEYS.map(shapeRe);
    const unused = keys.filter((k) => !found.literals.has(k) && !built.some((re) => re.test(k)));
    expect(unused, `keys in messages.ts that no code uses:\n${unused.join('\n')}`).toEqual([]);
  });
});
