// Writes docs/openapi.json from the contract (issue 17): `npm run openapi`. Prints the API
// fingerprint, which electron/core/contract/public.ts records for each version.
import './require-node.mjs';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const { openApiText, apiFingerprint } = await import('../electron/core/api/openapi.ts');
const { API_VERSION } = await import('../electron/core/contract/public.ts');
const target = resolve(import.meta.dirname, '..', 'docs', 'openapi.json');
writeFileSync(target, openApiText());
process.stdout.write(`Wrote ${target} (version ${API_VERSION}, fingerprint ${apiFingerprint()})\n`);
