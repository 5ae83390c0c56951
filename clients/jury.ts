// A jury front-end: a juror logs in, lists the dossiers assigned to them, reads their evaluation of one to get its
// ETag and writes it with If-Match; a write that carries a stale ETag is refused (412), one without any too (428).
// The flow is README.md's « Evaluations » step.
//
//   LABELS_URL                                     the API (http://127.0.0.1:5080)
//   LABELS_EDITION_EVALUEE                         an édition in evaluation (2023)
//   LABELS_JURE_EMAIL, LABELS_JURE_MOT_DE_PASSE    a juror's account
//   LABELS_NOTES                                   the notes to submit, by criterion code of the édition's grid
//                                                  (qualite-services=8,inclusion=6,participation=7,sobriete=5),
//                                                  checked against the grid the juror reads before sending them
import { client, entier, probleme, variable, verifier, type Schemas } from "./commun.js";

const base = variable("LABELS_URL");
const annee = entier("LABELS_EDITION_EVALUEE");

function lireNotes(texte: string): Record<string, number> {
  const notes: Record<string, number> = {};
  for (const paire of texte.split(",")) {
    const [code, valeur] = paire.split("=");
    const note = Number(valeur);
    if (code === undefined || code.trim() === "" || valeur === undefined || !Number.isFinite(note))
      throw new Error(`LABELS_NOTES : « ${paire} » n'est pas critere=note.`);
    notes[code.trim()] = note;
  }
  return notes;
}
const notes = lireNotes(variable("LABELS_NOTES"));

function memesNotes(a: Schemas["EvaluationDto"]["notes"], b: Record<string, number>): boolean {
  const codes = Object.keys(b);
  return Object.keys(a).length === codes.length && codes.every((code) => a[code] === b[code]);
}

// Logging in: a person's access token, sent as a bearer token on every later call.
const connexion = await client(base).POST("/api/v1/auth/login", {
  body: { email: variable("LABELS_JURE_EMAIL"), password: variable("LABELS_JURE_MOT_DE_PASSE") },
});
if (connexion.data === undefined) throw new Error(`Connexion : ${connexion.response.status} ${probleme(connexion.error)}`);
verifier(connexion.data.tokenType === "Bearer" && connexion.data.expiresIn > 0, "un jeton d'accès Bearer qui dure");
console.log(`connecté : jeton ${connexion.data.tokenType} valable ${connexion.data.expiresIn} s`);
const api = client(base, connexion.data.accessToken);

// The grid of the édition: its criteria are the keys of the notes, each within its bounds; a submitted evaluation notes
// every criterion that counts in the total.
const grille = await api.GET("/api/v1/editions/{annee}/grille", { params: { path: { annee } } });
if (grille.data === undefined) throw new Error(`Grille : ${grille.response.status} ${probleme(grille.error)}`);
const criteres = grille.data.criteres;
verifier(Object.entries(notes).every(([code, note]) => criteres.some((c) => c.code === code && note >= c.min && note <= c.max))
  && criteres.every((c) => !c.compteDansLeTotal || notes[c.code] !== undefined),
  "LABELS_NOTES note chaque critère compté de la grille, dans ses bornes, et nul autre");
console.log(`grille ${annee} : ${criteres.filter((c) => c.compteDansLeTotal).map((c) => `${c.code} ${c.min}–${c.max}`).sort().join(", ")}`
  + ` ; hors total : ${criteres.filter((c) => !c.compteDansLeTotal).map((c) => c.code).sort().join(", ")}`);

async function mesDossiers(): Promise<Schemas["DossierAssigneDto"][]> {
  const page = await api.GET("/api/v1/jures/moi/affectations", { params: { query: { edition: annee, pageSize: 200 } } });
  if (page.data === undefined) throw new Error(`Mes dossiers : ${page.response.status} ${probleme(page.error)}`);
  verifier(page.data.items.length === page.data.total, "tous les dossiers tiennent sur une page");
  return page.data.items;
}

const dossiers = await mesDossiers();
verifier(dossiers.length > 0, `le juré a des dossiers dans l'édition ${annee}`);
console.log(`dossiers affectés en ${annee} : ${dossiers.length}`);
for (const d of dossiers)
  console.log(`  ${d.nom} (${d.departement ?? "—"}) ${d.categorie}, ${d.nombreFiches} fiche(s) : ${d.evaluation}`
    + `${d.version === null ? "" : ` v${d.version}`}`);
const dossier = dossiers.find((d) => d.evaluation !== "soumise");
verifier(dossier !== undefined, "un dossier reste à évaluer");
const chemin = { id: dossier.candidatureId };

// Reading the evaluation: 404 while the juror has written nothing, then the first write goes without a precondition.
let lue = await api.GET("/api/v1/candidatures/{id}/evaluations/moi", { params: { path: chemin } });
if (lue.response.status === 404) {
  const brouillon = await api.PUT("/api/v1/candidatures/{id}/evaluations/moi", {
    params: { path: chemin },
    body: { notes: {}, commentaire: "Premier passage.", soumise: false },
  });
  if (brouillon.data === undefined) throw new Error(`Brouillon : ${brouillon.response.status} ${probleme(brouillon.error)}`);
  verifier(!brouillon.data.soumise && brouillon.data.soumiseLe === null, "un brouillon n'est pas soumis");
  console.log(`brouillon écrit : version ${brouillon.data.version}`);
  lue = await api.GET("/api/v1/candidatures/{id}/evaluations/moi", { params: { path: chemin } });
}
if (lue.data === undefined) throw new Error(`Lecture de l'évaluation : ${lue.response.status} ${probleme(lue.error)}`);
const etagLu = lue.response.headers.get("ETag");
verifier(etagLu !== null, "l'évaluation lue porte un ETag");
console.log(`évaluation lue : version ${lue.data.version}, ${lue.data.soumise ? "soumise" : "brouillon"}`);

// Writing with the ETag read: accepted, and the evaluation has a new version and a new ETag.
const ecrite = await api.PUT("/api/v1/candidatures/{id}/evaluations/moi", {
  params: { path: chemin, header: { "If-Match": etagLu } },
  body: { notes, commentaire: "Services utiles, médiation à développer.", soumise: true },
});
if (ecrite.data === undefined) throw new Error(`Écriture : ${ecrite.response.status} ${probleme(ecrite.error)}`);
const etagEcrit = ecrite.response.headers.get("ETag");
verifier(etagEcrit !== null && etagEcrit !== etagLu, "l'écriture donne un nouvel ETag");
verifier(ecrite.data.version === lue.data.version + 1, "l'écriture fait une version de plus");
verifier(ecrite.data.soumise && ecrite.data.soumiseLe !== null, "l'évaluation est soumise, avec son instant");
verifier(memesNotes(ecrite.data.notes, notes), "les notes écrites sont celles envoyées");
console.log(`évaluation soumise avec If-Match : version ${ecrite.data.version}, notes `
  + Object.entries(ecrite.data.notes).sort(([a], [b]) => a.localeCompare(b)).map(([code, note]) => `${code}=${note}`).join(" "));

// The ETag read earlier is now stale: another tab's write would overwrite this one, so the API refuses it.
const perimee = await api.PUT("/api/v1/candidatures/{id}/evaluations/moi", {
  params: { path: chemin, header: { "If-Match": etagLu } },
  body: { notes: {}, commentaire: "Écrit depuis un onglet resté ouvert.", soumise: false },
});
verifier(perimee.data === undefined && perimee.response.status === 412, `If-Match périmé : 412 attendu, ${perimee.response.status} reçu`);
console.log(`If-Match périmé : ${perimee.response.status} ${probleme(perimee.error)}`);

const sansPrecondition = await api.PUT("/api/v1/candidatures/{id}/evaluations/moi", {
  params: { path: chemin },
  body: { notes: {}, soumise: false },
});
verifier(sansPrecondition.response.status === 428, `sans If-Match : 428 attendu, ${sansPrecondition.response.status} reçu`);
console.log(`sans If-Match : ${sansPrecondition.response.status} ${probleme(sansPrecondition.error)}`);

// Neither refused write changed anything.
const relue = await api.GET("/api/v1/candidatures/{id}/evaluations/moi", { params: { path: chemin } });
if (relue.data === undefined) throw new Error(`Relecture : ${relue.response.status} ${probleme(relue.error)}`);
verifier(relue.response.headers.get("ETag") === etagEcrit && relue.data.version === ecrite.data.version
  && memesNotes(relue.data.notes, notes), "l'évaluation relue est celle écrite avec If-Match");
const apres = (await mesDossiers()).find((d) => d.candidatureId === dossier.candidatureId);
verifier(apres !== undefined && apres.evaluation === "soumise" && apres.version === ecrite.data.version,
  "la liste des dossiers montre l'évaluation soumise");
console.log(`${apres.nom} : ${apres.evaluation} v${apres.version}`);
