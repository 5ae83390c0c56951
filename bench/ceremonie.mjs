// The moment of publication over the local deployment (scripts/deploy-local.sh): a crowd of readers through nginx
// before, at and after an embargoed release's instant, a correction, an API instance killed, PostgreSQL stopped.
// Started by bench/ceremonie.sh, which prepares the édition and passes what this needs in the environment.
// Prints the figures of each phase and exits 1 when an expectation fails.
import https from 'node:https';
import http from 'node:http';
import fs from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';

const env = process.env;
const URL_PUBLIC = env.CEREMONIE_URL;                // nginx, https
const URL_INSTANCE = env.CEREMONIE_URL_INSTANCE;     // instance 1, straight (the truth the crowd is compared with)
const ANNEE = Number(env.CEREMONIE_ANNEE);
const LECTEURS = Number(env.CEREMONIE_LECTEURS ?? 64);
const SANS_CACHE = Number(env.CEREMONIE_LECTEURS_SANS_CACHE ?? 8);
// Seconds between the crowd's start and the instant: the publication (TEN, key figures, the catalogue's index) takes a few
// seconds on a loaded machine, and must be over before the instant.
const AVANCE = Number(env.CEREMONIE_AVANCE ?? 15);
const JOURNAL_NGINX = env.CEREMONIE_JOURNAL_NGINX;
const DEPLOY = env.CEREMONIE_DEPLOY;                 // scripts/deploy-local.sh
// Longer than the copies' freshness (10 s, plus nginx's second): the cache must revalidate while the database is down.
const PG_ARRET = Number(env.CEREMONIE_ARRET_PG ?? 12);
// What the API states (README, Production at scale): the latest release's max-age, another instance's pointer memo,
// nginx's whole seconds.
const BORNE_CORRECTION = Number(env.CEREMONIE_BORNE_CORRECTION ?? 13);

const ca = fs.readFileSync(env.CEREMONIE_CA);
const agent = new https.Agent({ keepAlive: true, maxSockets: LECTEURS + SANS_CACHE + 8, ca });
const agentInstance = new http.Agent({ keepAlive: true });

const echecs = [];
const verifier = (condition, message) => { if (!condition) echecs.push(message); return condition; };
const maintenant = () => performance.timeOrigin + performance.now();
const attendre = (ms) => new Promise((r) => setTimeout(r, ms));

// Each reader from an address of its own on the loopback (127.0.0.0/8), as a crowd of portals would come from theirs: the
// API's per-client limits see clients, not one.
function requete(base, chemin, { methode = 'GET', entetes = {}, corps, adresse } = {}) {
  const url = new URL(chemin, base);
  const module = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const debut = maintenant();
    const req = module.request(url, { method: methode, headers: entetes, agent: url.protocol === 'https:' ? agent : agentInstance, timeout: 30000,
      localAddress: adresse, servername: 'localhost' },
      (res) => {
        const morceaux = [];
        res.on('data', (m) => morceaux.push(m));
        res.on('end', () => resolve({ debut, fin: maintenant(), statut: res.statusCode, entetes: res.headers, corps: Buffer.concat(morceaux) }));
        res.on('error', (e) => resolve({ debut, fin: maintenant(), statut: 0, erreur: String(e), entetes: {}, corps: Buffer.alloc(0) }));
      });
    req.on('error', (e) => resolve({ debut, fin: maintenant(), statut: 0, erreur: String(e), entetes: {}, corps: Buffer.alloc(0) }));
    req.on('timeout', () => req.destroy(new Error('délai dépassé')));
    if (corps !== undefined) req.end(typeof corps === 'string' ? corps : JSON.stringify(corps)); else req.end();
  });
}

async function json(base, chemin, options = {}) {
  const r = await requete(base, chemin, { ...options, entetes: { 'content-type': 'application/json', ...(options.entetes ?? {}) } });
  return { ...r, json: r.corps.length ? JSON.parse(r.corps.toString('utf8')) : null };
}

// --- The representations the crowd reads: the palmarès (JSON, gzip, CSV) and the key figures. ---
const representations = [
  { nom: 'palmarès JSON', chemin: `/api/v1/editions/${ANNEE}/palmares`, entetes: {} },
  { nom: 'palmarès JSON gzip', chemin: `/api/v1/editions/${ANNEE}/palmares`, entetes: { 'accept-encoding': 'gzip' } },
  { nom: 'palmarès CSV', chemin: `/api/v1/editions/${ANNEE}/palmares.csv`, entetes: {} },
  { nom: 'chiffres clés', chemin: `/api/v1/editions/${ANNEE}/chiffres-cles`, entetes: {} },
];

const reponses = [];      // every reader's answer: { debut, fin, statut, etag, rep, sansCache, resultats }
let lire = true;
let sansCacheActifs = false;

// "No byte of results": a 404 is a problem (RFC 9457) with its usual members, and its detail names no laureate.
const MEMBRES_D_UN_PROBLEME = new Set(['type', 'title', 'status', 'detail', 'traceId', 'instance']);
function problemeSeul(r) {
  if (!String(r.entetes['content-type']).startsWith('application/problem+json')) return false;
  try {
    const probleme = JSON.parse(r.corps.toString('utf8'));
    return Object.keys(probleme).every((m) => MEMBRES_D_UN_PROBLEME.has(m)) && !/laur|arobase|@/i.test(String(probleme.detail));
  } catch { return false; }
}

const adresseDe = (i) => `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;

async function lecteur(i) {
  const rep = representations[i % representations.length];
  while (lire) {
    const r = await requete(URL_PUBLIC, rep.chemin, { entetes: rep.entetes, adresse: adresseDe(i) });
    reponses.push({ debut: r.debut, fin: r.fin, statut: r.statut, etag: r.entetes.etag, rep: rep.nom, erreur: r.erreur,
      resultats: r.statut !== 200 && !problemeSeul(r) });
  }
}

// A staff member reading the release through nginx before its instant: served, and never left in the cache for the public.
const lecturesDuStaff = [];
async function lecteurDuStaff() {
  while (lire && maintenant() < instant) {
    const r = await requete(URL_PUBLIC, representations[0].chemin, { entetes: staff });
    lecturesDuStaff.push({ debut: r.debut, statut: r.statut, cache: r.entetes['cache-control'], xcache: r.entetes['x-cache'] });
    await attendre(100);
  }
}

// The open-data export read anonymously: the édition is in it from its instant on, never before.
const lecturesExport = [];
async function lecteurExport() {
  while (lire) {
    const r = await requete(URL_PUBLIC, '/api/v1/palmares.csv', { adresse: adresseDe(LECTEURS + SANS_CACHE + 1) });
    lecturesExport.push({ debut: r.debut, fin: r.fin, statut: r.statut, contient: r.corps.includes(`\n${ANNEE};`) });
    await attendre(100);
  }
}

// Readers whose every request misses the cache (an unknown parameter the API ignores): they make the instances work,
// so that killing one is seen by requests on their way to it.
async function lecteurSansCache(i) {
  let n = 0;
  while (lire) {
    if (!sansCacheActifs) { await attendre(50); continue; }
    const r = await requete(URL_PUBLIC, `/api/v1/editions/${ANNEE}/palmares?departement=${String(1 + (i % 9)).padStart(2, '0')}&lecteur=${i}-${n++}`,
      { adresse: adresseDe(LECTEURS + i) });
    reponses.push({ debut: r.debut, fin: r.fin, statut: r.statut, etag: r.entetes.etag, rep: 'sans cache', sansCache: true, erreur: r.erreur });
  }
}

function centile(valeurs, p) {
  if (!valeurs.length) return NaN;
  const tries = [...valeurs].sort((a, b) => a - b);
  return tries[Math.min(tries.length - 1, Math.floor((p / 100) * tries.length))];
}

// The nginx access log's lines (JSON, deploy/nginx/labels.conf.template) between two instants.
function lignesNginx(debut, fin) {
  return fs.readFileSync(JOURNAL_NGINX, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
    .filter((l) => l.msec * 1000 >= debut && l.msec * 1000 < fin);
}

const figures = [];
let staff; // the staff's Authorization, once signed in
// What the summary says, known as the phases go (a failure may end the run before some).
let dernier404 = NaN;
let delaiCorrection = NaN;
let ecrituresResume = {};
let retour;
function phase(nom, debut, fin, { filtre = () => true } = {}) {
  const lues = reponses.filter((r) => r.debut >= debut && r.debut < fin && filtre(r));
  const durees = lues.map((r) => r.fin - r.debut);
  const parStatut = {};
  for (const r of lues) parStatut[r.statut] = (parStatut[r.statut] ?? 0) + 1;
  const nginx = lignesNginx(debut, fin).filter((l) => l.method === 'GET' && l.uri.startsWith(`/api/v1/editions/${ANNEE}/`));
  const versApi = nginx.filter((l) => l.upstream !== '');
  const parInstance = {};
  for (const l of versApi) for (const u of l.upstream.split(', ')) parInstance[u] = (parInstance[u] ?? 0) + 1;
  const ligne = {
    phase: nom, secondes: ((fin - debut) / 1000).toFixed(1), requetes: lues.length,
    statuts: Object.entries(parStatut).map(([s, n]) => `${s}:${n}`).join(' '),
    p50: centile(durees, 50).toFixed(1), p95: centile(durees, 95).toFixed(1), p99: centile(durees, 99).toFixed(1), max: Math.max(...durees).toFixed(1),
    'vers l\'API (en cache)': versApi.filter((l) => !l.uri.includes('lecteur=')).length,
    'vers l\'API (sans cache)': versApi.filter((l) => l.uri.includes('lecteur=')).length,
    'par instance': Object.entries(parInstance).map(([u, n]) => `${u.replace(/^127\.0\.0\.1:/, ':')}=${n}`).join(' '),
  };
  figures.push(ligne);
  return { lues, versApi: versApi.filter((l) => !l.uri.includes('lecteur=')) };
}

function shell(commande) {
  return execFileSync('bash', ['-c', commande], { stdio: ['ignore', 'pipe', 'inherit'] }).toString();
}

// --- Setup: the staff's session, through nginx as a front-end would. ---
const connexion = await json(URL_PUBLIC, '/api/v1/auth/login', { methode: 'POST', corps: { email: env.CEREMONIE_EMAIL, password: env.CEREMONIE_MOT_DE_PASSE } });
if (connexion.statut !== 200) { console.error('Connexion administrateur impossible', connexion.statut, connexion.corps.toString()); process.exit(1); }
staff = { authorization: `Bearer ${connexion.json.accessToken}` };

// --- 1. The ceremony: the crowd from AVANCE seconds before the instant, the release published under embargo. ---
const instant = Math.ceil((maintenant() + AVANCE * 1000) / 1000) * 1000;
const debutFoule = maintenant();
const foule = [...Array(LECTEURS).keys()].map(lecteur);
const fouleSansCache = [...Array(SANS_CACHE).keys()].map(lecteurSansCache);
const autres = [lecteurExport()];
const publication = await json(URL_PUBLIC, `/api/v1/editions/${ANNEE}/publication`, { methode: 'POST', entetes: staff, corps: { publieLe: new Date(instant).toISOString() } });
if (!verifier(publication.statut === 201, `publication sous embargo : ${publication.statut} ${publication.corps}`)) { lire = false; await Promise.all(foule); report(); }
console.error(`Publication ${ANNEE} sous embargo jusqu'à ${new Date(instant).toISOString()} ; ${LECTEURS} lecteurs à travers nginx.`);
const publieAvant = (instant - maintenant()) / 1000;
verifier(publieAvant >= 1, `la publication s'est achevée ${(-publieAvant).toFixed(1)} s après l'instant prévu (CEREMONIE_AVANCE trop court)`);
autres.push(lecteurDuStaff());
await attendre(instant + 4000 - maintenant());

// The truth: each representation's ETag read from an instance, once the release is visible.
const etags = {};
for (const rep of representations) etags[rep.nom] = (await requete(URL_INSTANCE, rep.chemin, { entetes: rep.entetes })).entetes.etag;

const avant = phase('avant l\'instant', debutFoule, instant);
verifier(avant.lues.length > 0, 'aucune lecture avant l\'instant');
// Answered before the instant: 404 only (a request sent just before it may be answered after it, with the results).
verifier(avant.lues.every((r) => r.statut === 404 || (r.statut === 200 && r.fin >= instant)),
  `avant l'instant, autre chose que 404 : ${[...new Set(avant.lues.filter((r) => r.statut !== 404).map((r) => `${r.statut} reçu ${(r.fin - instant) / 1000} s après l'instant`))]}`);
verifier(avant.lues.every((r) => !r.resultats), 'avant l\'instant, un corps porte des résultats');
verifier(reponses.every((r) => r.statut !== 200 || r.fin >= instant), 'un 200 reçu avant l\'instant');
const premiere = phase('première seconde', instant, instant + 1000);
verifier(premiere.lues.every((r) => r.statut === 404 || (r.statut === 200 && r.etag === etags[r.rep])),
  `dans la première seconde, ni 404 ni la release : ${JSON.stringify(premiere.lues.find((r) => r.statut !== 404 && !(r.statut === 200 && r.etag === etags[r.rep])))}`);
// A 404 is never kept past the instant: a request that reaches nginx after it (100 ms for the clocks and the loopback) gets the results.
const tardif = reponses.find((r) => r.statut === 404 && r.debut >= instant + 100);
verifier(!tardif, `un 404 pour une requête partie ${tardif ? ((tardif.debut - instant) / 1000).toFixed(3) : ''} s après l'instant`);
verifier(lecturesDuStaff.length > 0 && lecturesDuStaff.every((l) => l.statut === 200 && /private/.test(l.cache) && /no-store/.test(l.cache)),
  `le staff, avant l'instant : ${JSON.stringify(lecturesDuStaff.find((l) => !(l.statut === 200 && /private/.test(l.cache))) ?? 'aucune lecture')}`);
verifier(!lecturesExport.some((l) => l.contient && l.fin < instant), `l'export : l'édition ${ANNEE} y est avant l'instant`);
verifier(lecturesExport.every((l) => l.debut > instant + 4000 || l.statut === 200),
  `l'export : ${JSON.stringify(lecturesExport.find((l) => l.debut <= instant + 4000 && l.statut !== 200))}`);
const apres = phase('après (1–4 s)', instant + 1000, instant + 4000);
verifier(apres.lues.every((r) => r.statut === 200 && r.etag === etags[r.rep]),
  `plus d'une seconde après l'instant, une réponse autre que 200 avec l'ETag de la release : ${JSON.stringify(apres.lues.find((r) => r.statut !== 200 || r.etag !== etags[r.rep]))}`);
dernier404 = Math.max(...reponses.filter((r) => r.statut === 404).map((r) => r.fin));
const ceremonie = phase('cérémonie entière', debutFoule, instant + 4000);
// A handful of requests per representation and second reach the API, whatever the crowd's size.
// (Before the instant an expired 404 is never served while it is fetched again — it would then outlive the instant —, so the
// readers asking during that fetch reach the API too: a few per representation and second.)
const plafond = representations.length * 6 * Math.ceil((instant + 4000 - debutFoule) / 1000);
verifier(ceremonie.versApi.length <= plafond, `${ceremonie.versApi.length} requêtes de la foule ont atteint l'API (plafond ${plafond})`);

// --- 2. A correction: every reader sees it within the stated bound. ---
const laureat = (await json(URL_INSTANCE, `/api/v1/editions/${ANNEE}/palmares`)).json.laureats[0];
const candidature = (await json(URL_INSTANCE, `/api/v1/collectivites/${laureat.collectiviteId}/candidatures?edition=${ANNEE}`, { entetes: staff })).json.items[0];
const decision = await json(URL_PUBLIC, `/api/v1/candidatures/${candidature.id}/decision`, { methode: 'PUT', entetes: staff,
  corps: { arobases: laureat.arobases % 5 + 1, justification: 'Erreur de saisie corrigée après la cérémonie.' } });
verifier(decision.statut === 200, `décision corrigée : ${decision.statut} ${decision.corps}`);
const correction = await json(URL_PUBLIC, `/api/v1/editions/${ANNEE}/publication`, { methode: 'POST', entetes: staff, corps: {} });
const instantCorrection = maintenant();
verifier(correction.statut === 201 && correction.json?.version === 2, `correction : ${correction.statut} ${correction.corps}`);
const etagsCorriges = {};
for (const rep of representations) etagsCorriges[rep.nom] = (await requete(URL_INSTANCE, rep.chemin, { entetes: rep.entetes })).entetes.etag;
// Until every representation has been served corrected for two seconds by everyone, or twice the bound.
while (maintenant() - instantCorrection < 2 * BORNE_CORRECTION * 1000) {
  await attendre(250);
  const anciennes = reponses.filter((r) => !r.sansCache && r.debut >= instantCorrection && r.etag !== etagsCorriges[r.rep]);
  const derniereAncienne = anciennes.length ? Math.max(...anciennes.map((r) => r.debut)) : instantCorrection;
  if (maintenant() - derniereAncienne > 2000) { delaiCorrection = (derniereAncienne - instantCorrection) / 1000; break; }
}
phase('correction', instantCorrection, maintenant());
// By now the export has been past its freshness (10 s) since the instant: it holds the édition.
verifier(lecturesExport.some((l) => l.debut >= instantCorrection && l.statut === 200 && l.contient),
  `l'export : l'édition ${ANNEE} n'y est pas ${((maintenant() - instant) / 1000).toFixed(0)} s après l'instant`);
verifier(representations.every((rep) => reponses.some((r) => r.rep === rep.nom && r.debut >= instantCorrection && r.etag === etagsCorriges[rep.nom])),
  'la correction : une représentation n\'a jamais été lue corrigée');
verifier(delaiCorrection <= BORNE_CORRECTION, `la correction a atteint tous les lecteurs en ${delaiCorrection} s (borne ${BORNE_CORRECTION} s)`);

// --- 3. An instance killed under load: no reader sees an error. ---
sansCacheActifs = true;
await attendre(2000);
const debutPanne = maintenant();
const pidInstance2 = shell(`cat "${env.CEREMONIE_RUN}/api-2.pid"`).trim();
process.kill(Number(pidInstance2), 'SIGKILL');
console.error(`Instance 2 (pid ${pidInstance2}) tuée.`);
await attendre(5000);
const panne = phase('instance 2 tuée', debutPanne, maintenant());
verifier(panne.lues.every((r) => r.statut === 200), `instance tuée : un lecteur a reçu ${JSON.stringify(panne.lues.find((r) => r.statut !== 200))}`);
sansCacheActifs = false;
const relance = spawn(DEPLOY, ['restart-api', '2'], { stdio: ['ignore', 'ignore', 'inherit'] });
const relancee = new Promise((r) => relance.on('exit', r));

// --- 4. PostgreSQL stopped: readers get the cached palmarès, writers clean 503s, then writes succeed again. ---
await relancee;
await attendre(1000);
const ecritures = [];
let ecrire = true;
async function ecrivain() {
  let n = 0;
  while (ecrire) {
    const r = await json(URL_PUBLIC, `/api/v1/candidatures/${candidature.id}/decision`, { methode: 'PUT', entetes: staff,
      corps: { arobases: n++ % 2 ? laureat.arobases : laureat.arobases % 5 + 1, justification: 'Écriture pendant l\'arrêt de la base.' } });
    ecritures.push({ debut: r.debut, statut: r.statut, type: r.entetes['content-type'], retryAfter: r.entetes['retry-after'], detail: r.json?.detail });
    await attendre(100);
  }
}
const ecrivains = [ecrivain(), ecrivain()];
await attendre(1000);
const debutArret = maintenant();
shell(`source "${env.CEREMONIE_RACINE}/scripts/pg.sh" && labels_pg_arreter deploy`);
console.error(`PostgreSQL arrêté pour ${PG_ARRET} s.`);
await attendre(PG_ARRET * 1000);
const finArret = maintenant();
shell(`source "${env.CEREMONIE_RACINE}/scripts/pg.sh" && labels_pg_relancer deploy`);
console.error('PostgreSQL relancé.');
await attendre(4000);
ecrire = false;
await Promise.all(ecrivains);
const arret = phase('PostgreSQL arrêté', debutArret, finArret);
const revalidations = lignesNginx(debutArret + 500, finArret - 500).filter((l) => l.method === 'GET' && l.uri.startsWith(`/api/v1/editions/${ANNEE}/`) && l.upstream !== '');
verifier(revalidations.some((l) => l.upstream_status.includes('503')),
  `base arrêtée : aucune revalidation n'a rencontré le 503 de l'API (${revalidations.length} requêtes vers l'API), la copie périmée n'a pas été mise à l'épreuve`);
verifier(arret.lues.every((r) => r.statut === 200), `base arrêtée : un lecteur a reçu ${JSON.stringify(arret.lues.find((r) => r.statut !== 200))}`);
// Writes begun well inside the stop (one begun as it starts or ends may meet the database up).
const pendant = ecritures.filter((e) => e.debut >= debutArret + 500 && e.debut < finArret - 500);
verifier(pendant.length > 0 && pendant.every((e) => e.statut === 503 && e.type?.startsWith('application/problem+json') && e.retryAfter),
  `écritures pendant l'arrêt : ${JSON.stringify([...new Set(pendant.map((e) => `${e.statut} ${e.type} ${e.retryAfter}`))])}`);
verifier(ecritures.every((e) => e.statut === 200 || e.statut === 503), `écriture ni 200 ni 503 : ${JSON.stringify(ecritures.find((e) => e.statut !== 200 && e.statut !== 503))}`);
retour = ecritures.filter((e) => e.debut >= finArret).find((e) => e.statut === 200);
verifier(retour !== undefined, 'aucune écriture réussie après la relance de PostgreSQL');
for (const e of ecritures) ecrituresResume[e.statut] = (ecrituresResume[e.statut] ?? 0) + 1;

lire = false;
await Promise.all([...foule, ...fouleSansCache, ...autres]);
report();

function report() {
  console.log(`\n# Cérémonie ${ANNEE} : ${LECTEURS} lecteurs à travers nginx (${representations.map((r) => r.nom).join(', ')}), `
    + `${SANS_CACHE} lecteurs sans cache pendant la panne d'instance ; durées en ms`);
  console.table(figures);
  console.log(`Instant : ${new Date(instant).toISOString()} ; dernier 404 reçu ${((dernier404 - instant) / 1000).toFixed(3)} s après l'instant ; `
    + `correction vue de tous en ${Number.isNaN(delaiCorrection) ? '—' : delaiCorrection.toFixed(1)} s (borne ${BORNE_CORRECTION} s) ; `
    + `écritures pendant l'arrêt de la base : ${JSON.stringify(ecrituresResume)}`
    + (retour ? `, première réussie ${((retour.debut - finArret) / 1000).toFixed(1)} s après la relance` : ''));
  if (echecs.length) { console.log(`\nÉCHEC (${echecs.length}) :\n- ${echecs.join('\n- ')}`); process.exit(1); }
  console.log('\nToutes les attentes sont tenues.');
  process.exit(0);
}
