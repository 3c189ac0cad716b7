import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { consultationAdviceSchema, consultationProfileSchema } from '@exoclinic/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BASE_PROFILE } from '../../core/test/arbitraries';
import { main } from '../src/cli/main';

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'packages/server/bin/exoclinic.js');

/** The example profile, shared with the core's tests. */
const EXAMPLE = structuredClone(BASE_PROFILE) as Record<string, any>;

/** Runs the CLI in process with the given standard input; returns exit code and output. */
async function run(args: string[], stdinText = '') {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => {
    out += c;
  });
  stderr.on('data', (c) => {
    err += c;
  });
  stdin.end(stdinText);
  const code = await main(args, { stdin, stdout, stderr, env: {}, cwd: root });
  return { code, out, err };
}

const STACK_LINE = /^\s+at .+\(.*\)$|^\s+at \//m;

describe('exoclinic plan', () => {
  it('runs through the real bin and prints JSON matching the published schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exo-cli-'));
    const file = join(dir, 'profile.json');
    writeFileSync(file, JSON.stringify(EXAMPLE));
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'plan', '--input', file, '--json'], {
      cwd: root,
    });
    const output = JSON.parse(stdout);
    const schema = JSON.parse(
      readFileSync(join(root, 'docs/schemas/consultation-advice.schema.json'), 'utf8'),
    );
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const valid = validate(output);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
    expect(output.screening.verdict).toBe('eligible');
    expect(output.regulatory.decision).toBe('warn');
    expect(output.plan.protocol.id).toBe('hair-loss/S1');
    expect(output.plan.initialSeries.sessions).toBe(1);
    expect(output.plan.initialSeries.intervalDays).toMatchObject({ min: 183, max: 365 });
    expect(output.plan.maintenance.intervalDays).toMatchObject({ min: 365, max: 548 });
    expect(output.plan.sessions[0]).toMatchObject({ index: 1, date: '2027-01-11' });
    expect(output.plan.responseCurve.points).toHaveLength(105);
  }, 60_000);

  it('keeps docs/schemas in step with the schemas the code validates with', () => {
    const published = (name: string) => JSON.parse(readFileSync(join(root, 'docs/schemas', name), 'utf8'));
    const { $id: _a, title: _b, ...profile } = published('consultation-profile.schema.json');
    expect(profile).toEqual(
      JSON.parse(JSON.stringify(z.toJSONSchema(consultationProfileSchema, { io: 'input' }))),
    );
    const { $id: _c, title: _d, ...advice } = published('consultation-advice.schema.json');
    expect(advice).toEqual(
      JSON.parse(JSON.stringify(z.toJSONSchema(consultationAdviceSchema, { io: 'output' }))),
    );
  });

  it('prints a readable plan with sources from standard input', async () => {
    const { code, out } = await run(['plan', '--input', '-'], JSON.stringify(EXAMPLE));
    expect(code).toBe(0);
    expect(out).toContain('Screening: ELIGIBLE');
    expect(out).toContain('protocol hair-loss/S1');
    expect(out).toMatch(/Spacing: 183–365 days, aiming at 274 \[S1\]/);
    expect(out).toContain('Consent must state:');
  });

  it('gives a contraindicated patient no plan and says how to override', async () => {
    const minor = { ...EXAMPLE, patient: { ...EXAMPLE.patient, age: 15 } };
    const json = await run(['plan', '--input', '-', '--json'], JSON.stringify(minor));
    expect(json.code).toBe(0);
    const advice = JSON.parse(json.out);
    expect(advice.plan).toBeNull();
    expect(advice.screening.verdict).toBe('contraindicated');
    const text = await run(['plan', '--input', '-'], JSON.stringify(minor));
    expect(text.out).toContain('No bookable plan');
    const overridden = await run(
      [
        'plan',
        '--input',
        '-',
        '--json',
        '--override-by',
        'Dr. A',
        '--override-reason',
        'Seventeen and a half, parental consent on file.',
      ],
      JSON.stringify(minor),
    );
    expect(JSON.parse(overridden.out).plan.override.overrides).toEqual(['screening:contraindicated']);
  });

  it('names every bad field and exits 2', async () => {
    const bad = {
      ...EXAMPLE,
      indication: 'face-lift',
      startDate: '2027-02-30',
      extra: true,
      patient: { ...EXAMPLE.patient, age: -1, fitzpatrick: 7, pregnant: 'no' },
    };
    const { code, err, out } = await run(['plan', '--input', '-'], JSON.stringify(bad));
    expect(code).toBe(2);
    expect(out).toBe('');
    for (const field of [
      'indication',
      'startDate',
      'extra',
      'patient.age',
      'patient.fitzpatrick',
      'patient.pregnant',
    ]) {
      expect(err).toContain(`- ${field}:`);
    }
    expect(err).not.toMatch(STACK_LINE);
  });

  it('rejects a modality or protocol that does not fit the indication, by field', async () => {
    const wrong = { ...EXAMPLE, modality: 'iv-infusion', protocol: 'joint/S1' };
    const { code, err } = await run(['plan', '--input', '-'], JSON.stringify(wrong));
    expect(code).toBe(2);
    expect(err).toContain('- modality:');
    expect(err).toContain('- protocol:');
  });

  it('treats missing files, bad JSON and unknown options as bad input', async () => {
    expect((await run(['plan', '--input', '/nonexistent/profile.json'])).code).toBe(2);
    expect((await run(['plan', '--input', '-'], '{ not json')).code).toBe(2);
    expect((await run(['plan'])).code).toBe(2);
    expect((await run(['plan', '--input', '-', '--colour'], '{}')).code).toBe(2);
    expect((await run(['no-such-command'])).code).toBe(2);
  });

  it('never crashes on fuzzed input: always exit 2 with the problems named, no stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const { code, err } = await run(['plan', '--input', '-'], JSON.stringify(value));
        expect(code).toBe(2);
        expect(err).toMatch(/not valid|- /);
        expect(err).not.toMatch(STACK_LINE);
      }),
      { numRuns: 150 },
    );
  });

  it('never crashes when one field of a valid profile is replaced by anything', async () => {
    const paths = [
      ['indication'],
      ['modality'],
      ['protocol'],
      ['severity'],
      ['startDate'],
      ['combinedWith'],
      ['product'],
      ['product', 'routes'],
      ['patient', 'age'],
      ['patient', 'fitzpatrick'],
      ['patient', 'allergies'],
      ['patient', 'conditions'],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue(), async (path, value) => {
        const profile = structuredClone(EXAMPLE) as Record<string, unknown>;
        let target = profile;
        for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
        target[path.at(-1)!] = value;
        const { code, err } = await run(['plan', '--input', '-', '--json'], JSON.stringify(profile));
        expect([0, 2]).toContain(code);
        if (code === 2) expect(err).toContain(`- ${path.join('.')}`);
        expect(err).not.toMatch(STACK_LINE);
      }),
      { numRuns: 200 },
    );
  });
});

describe('exoclinic screen and quote', () => {
  it('screens without planning', async () => {
    const pregnant = { ...EXAMPLE, patient: { ...EXAMPLE.patient, pregnant: true } };
    const { code, out } = await run(['screen', '--input', '-', '--json'], JSON.stringify(pregnant));
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.screening.verdict).toBe('defer');
    expect(result.screening.findings.map((f: { rule: string }) => f.rule)).toContain('pregnancy');
    expect(result.regulatory.needsIndNumber).toBe(true);
  });

  it('quotes the course beside PRP from the example list for the jurisdiction', async () => {
    const { code, out } = await run(['quote', '--input', '-', '--json'], JSON.stringify(EXAMPLE));
    expect(code).toBe(0);
    const { quote } = JSON.parse(out);
    expect(quote.currency).toBe('USD');
    expect(quote.isExamplePriceList).toBe(true);
    expect(Number.isInteger(quote.exosome.threeYears.total.target)).toBe(true);
    expect(quote.exosome.threeYears.total.target).toBeGreaterThanOrEqual(
      quote.exosome.initialSeries.total.target,
    );
    expect(quote.prp).not.toBeNull();
    const korean = {
      ...EXAMPLE,
      jurisdiction: 'KR',
      indication: 'skin-rejuvenation',
      modality: 'microneedling-topical',
      protocol: undefined,
      product: undefined,
    };
    const kr = await run(['quote', '--input', '-', '--json'], JSON.stringify(korean));
    expect(kr.code).toBe(0);
    expect(JSON.parse(kr.out).quote.currency).toBe('KRW');
  });

  it('rejects a bad price list file by field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exo-cli-'));
    const file = join(dir, 'prices.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'x',
        name: 'X',
        currency: 'XYZ',
        entries: [{ treatment: 'exosome', pricePerSession: 12.5 }],
      }),
    );
    const { code, err } = await run(['quote', '--input', '-', '--price-list', file], JSON.stringify(EXAMPLE));
    expect(code).toBe(2);
    expect(err).toContain('priceList.currency');
    expect(err).toContain('priceList.entries.0.pricePerSession');
  });

  it('exits 1 when there is no bookable plan to quote', async () => {
    const minor = { ...EXAMPLE, patient: { ...EXAMPLE.patient, age: 12 } };
    const { code, err } = await run(['quote', '--input', '-'], JSON.stringify(minor));
    expect(code).toBe(1);
    expect(err).toContain('No quote');
  });
});
