// Writes the published JSON Schemas of the command line's input and output to docs/schemas/.
// Both come from the zod schemas the code validates with (tests parse real output with them).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consultationAdviceSchema, consultationProfileSchema, priceListSchema } from '@exoclinic/core';
import { z } from 'zod';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'schemas');
mkdirSync(out, { recursive: true });

function write(name: string, schema: object) {
  writeFileSync(join(out, name), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote docs/schemas/${name}`);
}

write('consultation-profile.schema.json', {
  $id: 'https://exoclinic.example/schemas/consultation-profile.schema.json',
  title: 'Consultation profile (input of exoclinic plan, screen and quote)',
  ...z.toJSONSchema(consultationProfileSchema, { io: 'input' }),
});
write('price-list.schema.json', {
  $id: 'https://exoclinic.example/schemas/price-list.schema.json',
  title: 'Clinic price list (input of exoclinic quote --price-list FILE)',
  ...z.toJSONSchema(priceListSchema, { io: 'input' }),
});

write('consultation-advice.schema.json', {
  $id: 'https://exoclinic.example/schemas/consultation-advice.schema.json',
  title: 'Consultation advice (output of exoclinic plan --json)',
  ...z.toJSONSchema(consultationAdviceSchema, { io: 'output' }),
});
