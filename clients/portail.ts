// A public portal: the palmarès of an édition filtered by arobases, catégorie and département, its key figures, and
// the historique of a laureate. Anonymous, like every public read (README.md, « Public reads »).
//
//   LABELS_URL                                              the API (http://127.0.0.1:5080)
//   LABELS_EDITION_PUBLIEE                                  a published édition (2022)
//   LABELS_AROBASES, LABELS_CATEGORIE, LABELS_DEPARTEMENT   the filter (4, ville, 62)
import { arobases, client, entier, probleme, variable, verifier, type Schemas } from "./commun.js";

type Categorie = Schemas["Categorie"];
type Laureat = Schemas["LaureatDto"];

// The closed set of the document's enum, so that a value read from the environment becomes a Categorie by a check.
const categories: readonly Categorie[] = ["village", "ville", "intercommunalite"];

const api = client(variable("LABELS_URL"));
const annee = entier("LABELS_EDITION_PUBLIEE");
const filtre = {
  arobases: entier("LABELS_AROBASES"),
  categorie: categories.find((c) => c === variable("LABELS_CATEGORIE")),
  departement: variable("LABELS_DEPARTEMENT"),
};
const { categorie } = filtre;
verifier(categorie !== undefined, `LABELS_CATEGORIE est l'une de ${categories.join(", ")}`);

function ligne(l: Laureat): string {
  const mentions = l.mentions.length === 0 ? "" : ` [${l.mentions.join(", ")}]`;
  const ten = l.territoireExcellenceNumerique === null
    ? ""
    : ` TEN ${l.territoireExcellenceNumerique.attribueEn}–${l.territoireExcellenceNumerique.valableJusquEn}`;
  return `${l.nom} (${l.departement ?? "—"}) ${arobases(l.arobases)} ${l.categorie}, ${l.population} hab.${mentions}${ten}`;
}

// The whole palmarès, then the filtered one: the filter keeps exactly the laureates that match it, in the same order.
const complet = await api.GET("/api/v1/editions/{annee}/palmares", { params: { path: { annee } } });
if (complet.data === undefined) throw new Error(`Palmarès ${annee} : ${complet.response.status} ${probleme(complet.error)}`);
const palmares = complet.data;
verifier(palmares.edition === annee, `le palmarès lu est celui de ${annee}`);
verifier(palmares.licence.length > 0, "le palmarès porte sa licence");
console.log(`palmarès ${palmares.edition} (${palmares.numero}e édition), version ${palmares.version}, publié le ${palmares.publieLe} : `
  + `${palmares.laureats.length} lauréats, ${palmares.licence}`);

const lecture = await api.GET("/api/v1/editions/{annee}/palmares", {
  params: { path: { annee }, query: { arobases: filtre.arobases, categorie, departement: filtre.departement } },
});
if (lecture.data === undefined) throw new Error(`Palmarès filtré : ${lecture.response.status} ${probleme(lecture.error)}`);
const retenus = lecture.data.laureats;
const attendus = palmares.laureats.filter((l) =>
  l.arobases === filtre.arobases && l.categorie === categorie && l.departement === filtre.departement);
verifier(retenus.length > 0, "le filtre retient au moins un lauréat");
verifier(JSON.stringify(retenus) === JSON.stringify(attendus), "le filtre retient exactement les lauréats qui lui répondent");
console.log(`filtre ${arobases(filtre.arobases)}, ${categorie}, ${filtre.departement} : ${retenus.length} lauréat(s)`);
for (const l of retenus) console.log(`  ${ligne(l)}`);

// A portal keeps the palmarès and revalidates it: the same bytes answer 304 to their ETag.
const etag = complet.response.headers.get("ETag");
verifier(etag !== null, "le palmarès porte un ETag");
const revalidation = await api.GET("/api/v1/editions/{annee}/palmares", {
  params: { path: { annee } },
  headers: { "If-None-Match": etag },
});
verifier(revalidation.response.status === 304, `revalidation : 304 attendu, ${revalidation.response.status} reçu`);
console.log("revalidation : 304");

// The key figures of the same release.
const chiffres = await api.GET("/api/v1/editions/{annee}/chiffres-cles", { params: { path: { annee } } });
if (chiffres.data === undefined) throw new Error(`Chiffres clés : ${chiffres.response.status} ${probleme(chiffres.error)}`);
const c = chiffres.data;
verifier(c.edition === annee && c.version === palmares.version && c.publieLe === palmares.publieLe,
  "les chiffres clés sont ceux de la version lue du palmarès");
// The document declares the five keys: each is a number, with no default to invent for a missing one.
const parArobases: number[] = [c.arobases[1], c.arobases[2], c.arobases[3], c.arobases[4], c.arobases[5]];
verifier(parArobases.every((nombre, i) => nombre === palmares.laureats.filter((l) => l.arobases === i + 1).length),
  "les chiffres clés comptent les lauréats du palmarès par arobases");
const evolution = c.candidatures.evolutionPourcent === null
  ? ""
  : ` (${c.candidatures.evolutionPourcent >= 0 ? "+" : ""}${c.candidatures.evolutionPourcent} % sur ${c.editionPrecedente ?? "—"} : ${c.candidatures.precedent ?? "—"})`;
console.log(`chiffres clés : ${c.candidatures.total} candidatures${evolution}, `
  + `${c.candidatures.villes} villes, ${c.candidatures.villages} villages, ${c.candidatures.intercommunalites} intercommunalités ; `
  + `${c.fichesActions.total} fiches ; arobases ${parArobases.map((n, i) => `${i + 1}:${n}`).join(" ")} ; `
  + `${c.mentions.total} mentions ; TEN ${c.territoiresExcellenceNumerique.nouveaux} nouveaux sur ${c.territoiresExcellenceNumerique.total} ; `
  + `${c.populationRepresentee} habitants`);

// The historique of the first laureate retained: its distinctions, oldest first, this édition's as the palmarès says.
const premier = retenus[0];
verifier(premier !== undefined, "un lauréat retenu");
const historique = await api.GET("/api/v1/collectivites/{id}/historique", {
  params: { path: { id: premier.collectiviteId }, query: { pageSize: 200 } },
});
if (historique.data === undefined) throw new Error(`Historique : ${historique.response.status} ${probleme(historique.error)}`);
const distinctions = historique.data.items;
verifier(distinctions.every((d, i) => i === 0 || (distinctions[i - 1]?.edition ?? Infinity) < d.edition),
  "l'historique va de la plus ancienne édition à la plus récente");
const cette = distinctions.find((d) => d.edition === annee);
verifier(cette !== undefined && cette.arobases === premier.arobases && cette.version === palmares.version,
  `l'historique de ${premier.nom} a la distinction ${annee} du palmarès`);
console.log(`historique de ${premier.nom} : ${historique.data.total} distinction(s)`);
for (const d of distinctions)
  console.log(`  ${d.edition} (${d.numero}e) ${arobases(d.arobases)}${d.mentions.length === 0 ? "" : ` [${d.mentions.join(", ")}]`}`
    + `${d.territoireExcellenceNumerique === null ? "" : ` TEN jusqu'en ${d.territoireExcellenceNumerique.valableJusquEn}`}`);

// An édition not published is unknown to the public: a typed problem, never a palmarès.
const absent = await api.GET("/api/v1/editions/{annee}/palmares", { params: { path: { annee: annee + 1 } } });
verifier(absent.data === undefined && absent.response.status === 404,
  `le palmarès ${annee + 1}, non publié, répond 404 (reçu ${absent.response.status})`);
console.log(`palmarès ${annee + 1} : ${absent.response.status} ${probleme(absent.error)}`);
