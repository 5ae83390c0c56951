#!/usr/bin/env node
// Generates the compact official référentiel (COG) files in data/cog/ from the npm package
// @etalab/decoupage-administratif (INSEE COG data, Licence Ouverte / Etalab 2.0).
//
// Usage: node generate.mjs [packageDir] [outDir]
//   packageDir  folder of @etalab/decoupage-administratif (default: resolved from tools/cog/node_modules)
//   outDir      output folder (default: <repo>/data/cog)
//
// Output is deterministic: UTF-8 without BOM, LF line endings, ';' separator, rows sorted by code
// (ordinal string comparison), RFC 4180 quoting only when a value contains ';', '"' or a line break.

import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@etalab/decoupage-administratif';
const EXPECTED_VERSION = '6.0.0';
const scriptDir = dirname(fileURLToPath(import.meta.url));

function resolvePackageDir() {
  if (process.argv[2]) return resolve(process.argv[2]);
  const require = createRequire(import.meta.url);
  return dirname(require.resolve(`${PACKAGE}/package.json`));
}

const pkgDir = resolvePackageDir();
const outDir = process.argv[3] ? resolve(process.argv[3]) : resolve(scriptDir, '..', '..', 'data', 'cog');

const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
if (pkg.name !== PACKAGE) throw new Error(`${pkgDir} is not ${PACKAGE} (found ${pkg.name})`);
if (pkg.version !== EXPECTED_VERSION) {
  console.warn(`warning: ${PACKAGE} version is ${pkg.version}, expected ${EXPECTED_VERSION}`);
}

const load = (name) => JSON.parse(readFileSync(join(pkgDir, 'data', `${name}.json`), 'utf8'));

const byCode = (key) => (a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0);
const byString = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function field(value) {
  if (value === undefined || value === null) return '';
  const s = String(value);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeCsv(fileName, header, rows) {
  const lines = [header.join(';'), ...rows.map((r) => r.map(field).join(';'))];
  const path = join(outDir, fileName);
  writeFileSync(path, lines.join('\n') + '\n', 'utf8');
  console.log(`${fileName}: ${rows.length} rows`);
}

function checkInteger(value, what) {
  if (value === undefined || value === null) return '';
  if (!Number.isInteger(value)) throw new Error(`${what}: population is not an integer (${value})`);
  return value;
}

mkdirSync(outDir, { recursive: true });

// Communes: current communes only (type "commune-actuelle").
const communes = load('communes')
  .filter((c) => c.type === 'commune-actuelle')
  .sort(byCode('code'));
const communeCodes = new Set();
for (const c of communes) {
  if (communeCodes.has(c.code)) throw new Error(`duplicate commune code ${c.code}`);
  communeCodes.add(c.code);
}
writeCsv(
  'communes.csv',
  ['codeInsee', 'nom', 'departement', 'region', 'population', 'siren'],
  communes.map((c) => [c.code, c.nom, c.departement, c.region, checkInteger(c.population, c.code), c.siren ?? '']),
);

// EPCI à fiscalité propre. population = populationMunicipale given by the package for the EPCI.
const epci = load('epci').sort(byCode('code'));
for (const e of epci) {
  for (const m of e.membres) {
    if (!communeCodes.has(m.code)) throw new Error(`EPCI ${e.code}: member ${m.code} is not a current commune`);
  }
}
writeCsv(
  'epci.csv',
  ['siren', 'nom', 'population', 'communes'],
  epci.map((e) => [
    e.code,
    e.nom,
    checkInteger(e.populationMunicipale, e.code),
    e.membres.map((m) => m.code).sort(byString).join('|'),
  ]),
);

const departements = load('departements').sort(byCode('code'));
writeCsv('departements.csv', ['code', 'nom', 'region'], departements.map((d) => [d.code, d.nom, d.region]));

const regions = load('regions').sort(byCode('code'));
writeCsv('regions.csv', ['code', 'nom'], regions.map((r) => [r.code, r.nom]));
