// The HTML pages in a real browser: Chromium of the system driven by playwright-core, axe-core run in each page (WCAG 2.1 A
// and AA), the widget framed by a page of another origin, the embargo's edge. Run by tests/Labels.Api.Tests/PagesNavigateurTests.cs
// against the API on a loopback port; it prints one line per check ("ok: …" or "ÉCHEC: …") and exits 1 when one failed.
// Settings (environment): LABELS_URL, LABELS_EDITION (a published édition), LABELS_LAUREAT (a laureate as the page writes it,
// « Arras (62) @@@@ »), LABELS_DEPARTEMENT (a département of that laureate), LABELS_COLLECTIVITE (its id), LABELS_AROBASES
// (its arobases in that édition), LABELS_EMBARGO_EDITION and LABELS_EMBARGO_INSTANT (an édition published at that instant, a
// few seconds ahead), LABELS_EMBARGO_LAUREAT (one of its laureates), LABELS_CAPTURES (folder of the screenshots),
// LABELS_CHROMIUM (the browser, /usr/bin/chromium by default).
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const require = createRequire(import.meta.url);
const axe = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const env = (nom) => {
  const valeur = process.env[nom];
  if (!valeur) throw new Error(`${nom} manque`);
  return valeur;
};
const base = env("LABELS_URL").replace(/\/$/, "");
const edition = env("LABELS_EDITION");
const laureat = env("LABELS_LAUREAT");
const departement = env("LABELS_DEPARTEMENT");
const collectivite = env("LABELS_COLLECTIVITE");
const arobases = Number(env("LABELS_AROBASES"));
const editionEmbargo = env("LABELS_EMBARGO_EDITION");
const instantEmbargo = Date.parse(env("LABELS_EMBARGO_INSTANT"));
const laureatEmbargo = env("LABELS_EMBARGO_LAUREAT");
const captures = env("LABELS_CAPTURES");
fs.mkdirSync(captures, { recursive: true });

const echecs = [];
const verifier = (condition, message) => {
  console.log(`${condition ? "ok" : "ÉCHEC"}: ${message}`);
  if (!condition) echecs.push(message);
};

/** axe-core in the page (or frame): the violations at levels A and AA of WCAG 2.0 and 2.1. */
async function accessibilite(cible, nom) {
  await cible.evaluate(axe);
  const resultat = await cible.evaluate(() =>
    globalThis.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  const violations = resultat.violations.map((v) => `${v.id} (${v.nodes.length}) ${v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(" | ")}`);
  verifier(violations.length === 0, `${nom} : aucune violation axe A/AA${violations.length ? " — " + violations.join(" ; ") : ""}`);
}

const navigateur = await chromium.launch({
  executablePath: process.env.LABELS_CHROMIUM || "/usr/bin/chromium",
  // As root (CI), Chromium refuses its sandbox.
  args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
});
const bureau = await navigateur.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR" });
const telephone = await navigateur.newContext({ viewport: { width: 375, height: 740 }, locale: "fr-FR", isMobile: true, hasTouch: true });
const refus = [];
for (const contexte of [bureau, telephone])
  // The palmarès page framed by another origin is refused on purpose (below): that refusal is not one of these.
  contexte.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text()) && !/^Framing .* "frame-ancestors 'none'"/.test(message.text())) refus.push(message.text());
  });

/** A page at both widths: its status, axe, no horizontal scrolling on the phone, a screenshot of each. */
async function visiter(chemin, nom) {
  const page = await bureau.newPage();
  const reponse = await page.goto(base + chemin);
  verifier(reponse.status() === 200, `${nom} : 200 (${reponse.status()})`);
  await accessibilite(page, nom);
  await page.screenshot({ path: path.join(captures, `${nom}-1280.png`), fullPage: true });
  const mobile = await telephone.newPage();
  await mobile.goto(base + chemin);
  const largeur = await mobile.evaluate(() => document.documentElement.scrollWidth);
  verifier(largeur <= 375, `${nom} : tient dans 375 px sans défilement horizontal (${largeur} px)`);
  await mobile.screenshot({ path: path.join(captures, `${nom}-375.png`), fullPage: true });
  await mobile.close();
  return page;
}

// The embargo, first: before its instant the page is the plain 404 and shows no result.
{
  const page = await bureau.newPage();
  const reponse = await page.goto(`${base}/palmares/${editionEmbargo}`);
  const texte = await page.locator("body").innerText();
  verifier(Date.now() < instantEmbargo, "l'embargo court encore au premier essai");
  verifier(reponse.status() === 404, `embargo : 404 avant l'instant (${reponse.status()})`);
  verifier(!texte.includes(laureatEmbargo.split(" (")[0]) && !/lauréat/i.test(texte), "embargo : aucun résultat dans la page");
  verifier(texte.includes("Aucun palmarès publié pour cette édition."), "embargo : la page dit seulement qu'aucun palmarès n'est publié");
  await accessibilite(page, "page 404");
  await page.screenshot({ path: path.join(captures, "embargo-avant-1280.png"), fullPage: true });
  await page.close();
}

const chiffres = await (await fetch(`${base}/api/v1/editions/${edition}/chiffres-cles`)).json();
const total = chiffres.candidatures.total;

// The index of éditions.
{
  const page = await visiter("/palmares", "editions");
  verifier(await page.getByRole("link", { name: `Palmarès ${edition}` }).count() === 1, `index : lien vers le palmarès ${edition}`);
  verifier(await page.getByRole("link", { name: `Palmarès ${editionEmbargo}` }).count() === 0, `index : rien de l'édition ${editionEmbargo} sous embargo`);
  await page.close();
}

// The palmarès: its laureates, its count equal to the key figures', its render time, the filters and the search.
{
  const page = await visiter(`/palmares/${edition}`, "palmares");
  // Navigation timing: the first visit (the page rendered on the server, then compressed) and a visit in a fresh page once it
  // is kept in memory. Printed for a human; no time is asserted.
  const mesurer = (p) => p.evaluate(() => {
    const n = performance.getEntriesByType("navigation")[0];
    return { reponse: n.responseEnd - n.requestStart, dom: n.domContentLoadedEventEnd - n.startTime, charge: n.loadEventEnd - n.startTime, octets: n.transferSize };
  });
  const seconde = await bureau.newPage();
  await seconde.goto(`${base}/palmares/${edition}?_=1`);
  for (const [quand, mesure] of [["première visite", await mesurer(page)], ["page gardée en mémoire", await mesurer(seconde)]])
    console.log(`mesure: palmarès de ${total} lauréats (${quand}), requête→réponse ${mesure.reponse.toFixed(1)} ms, DOMContentLoaded ${mesure.dom.toFixed(1)} ms, `
      + `load ${mesure.charge.toFixed(1)} ms, ${mesure.octets} octets transférés`);
  await seconde.close();
  const items = page.locator("li.laureat");
  verifier(await items.count() === total, `palmarès : ${total} lauréats listés, autant que les chiffres clés (${await items.count()})`);
  verifier((await page.locator(".compte").innerText()).replace(/\s/g, "") === `${total}lauréats`, "palmarès : le compte affiché est celui des chiffres clés");
  const arras = items.filter({ hasText: laureat });
  verifier(await arras.count() === 1, `palmarès : « ${laureat} » y est`);
  verifier(await page.locator("h2").filter({ hasText: /\S/ }).count() > 1, "palmarès : groupé par région (titres de niveau 2)");
  const style = await page.locator(".bandeau").evaluate((e) => getComputedStyle(e).backgroundColor);
  verifier(style === "rgb(31, 61, 122)", `la feuille de style servie s'applique (${style})`);
  // Keyboard: the first Tab reaches the skip link, shown on screen.
  await page.keyboard.press("Tab");
  const evitement = await page.evaluate(() => ({ texte: document.activeElement?.textContent, haut: document.activeElement?.getBoundingClientRect().top }));
  verifier(evitement.texte === "Aller au contenu" && evitement.haut >= 0, "clavier : le lien d'évitement reçoit le focus et se voit");
  // A filter is an ordinary link.
  await page.locator("nav.filtres a", { hasText: `(${departement})` }).first().click();
  await page.waitForLoadState();
  const filtres = await page.locator("li.laureat").count();
  verifier(new URL(page.url()).searchParams.get("departement") === departement, `filtre : l'adresse porte departement=${departement}`);
  verifier(filtres > 0 && filtres < total, `filtre : moins de lauréats (${filtres} sur ${total})`);
  verifier(await page.locator("li.laureat").filter({ hasText: laureat }).count() === 1, "filtre : le lauréat du département y reste");
  await accessibilite(page, "palmarès filtré");
  // The search box, a GET form.
  await page.getByLabel("Rechercher une collectivité").fill(laureat.split(" (")[0]);
  await page.getByRole("button", { name: "Rechercher" }).click();
  await page.waitForLoadState();
  verifier(await page.locator("li.laureat").filter({ hasText: laureat }).count() === 1, "recherche : le lauréat cherché est trouvé");
  verifier(await page.locator("li.laureat").count() < filtres || filtres === 1, "recherche : la liste se restreint");
  await page.close();
}

// The key figures: the numbers of the API, three charts at least, each with its numbers as text.
{
  const page = await visiter(`/palmares/${edition}/chiffres`, "chiffres");
  const affiche = (await page.locator("[data-chiffre=candidatures]").innerText()).replace(/\s/g, "");
  verifier(affiche === String(total), `chiffres : ${total} candidatures comme l'API (${affiche})`);
  const figures = page.locator(".graphique");
  verifier(await figures.count() >= 3, `chiffres : au moins trois graphiques (${await figures.count()})`);
  // Each chart named once (its heading), as a screen reader reaches it: the drawing says where its numbers are, the table
  // repeats no title.
  for (const figure of await figures.all()) {
    const titre = (await figure.locator("h2").innerText()).trim();
    const arbre = await figure.ariaSnapshot();
    const fois = arbre.split(titre).length - 1;
    const bon = fois === 1 && /img "[^"]+"/.test(arbre) && /- table/.test(arbre);
    verifier(bon, `chiffres : « ${titre} » nommé une fois, un dessin et son tableau (${fois} fois)${bon ? "" : "\n" + arbre}`);
  }
  const repartition = await figures.filter({ has: page.locator("h2", { hasText: "arobases" }) }).locator("table tbody tr").allInnerTexts();
  const attendu = Object.entries(chiffres.arobases).map(([a, n]) => n);
  const lus = repartition.map((ligne) => Number(ligne.split("\t").pop().replace(/\s/g, "")));
  verifier(JSON.stringify(lus) === JSON.stringify(attendu), `chiffres : la répartition des arobases en texte est celle de l'API (${lus} / ${attendu})`);
  await page.close();
  // On a phone, the charts' words at the size they are read: the drawing's scale times its text's size, in CSS pixels.
  const mobile = await telephone.newPage();
  await mobile.goto(`${base}/palmares/${edition}/chiffres`);
  const tailles = await mobile.locator(".graphique svg").evaluateAll((svgs) => svgs.flatMap((svg) =>
    [...svg.querySelectorAll("text")].map((t) => t.getBoundingClientRect().height)));
  const plusPetite = Math.min(...tailles);
  verifier(tailles.length > 0 && plusPetite >= 12, `chiffres (375 px) : le texte des graphiques se lit à 12 px au moins (${plusPetite.toFixed(1)} px)`);
  // Text at 200 % (a reader's setting) on the phone: the key figures, the charts' tables and the palmarès' filters still fit.
  for (const chemin of [`/palmares/${edition}/chiffres`, `/palmares/${edition}`]) {
    await mobile.goto(base + chemin);
    const large = await mobile.evaluate(() => { document.documentElement.style.fontSize = "200%"; return document.documentElement.scrollWidth; });
    verifier(large <= 375, `${chemin} (375 px, texte à 200 %) : pas de défilement horizontal (${large} px)`);
  }
  await mobile.close();
}

// An address that names no page, a parameter of the wrong type: a French page with its status, accessible, styled.
for (const [chemin, statut, texte, nom] of [["/palmares/abc", 404, "Cette page n'existe pas", "erreur-404"],
  [`/palmares/${edition}?version=abc`, 400, "Demande invalide", "erreur-400"]]) {
  const page = await bureau.newPage();
  const reponse = await page.goto(base + chemin);
  verifier(reponse.status() === statut && reponse.headers()["content-type"]?.startsWith("text/html"), `${chemin} : page HTML ${statut} (${reponse.status()} ${reponse.headers()["content-type"]})`);
  verifier((await page.locator("main").innerText()).includes(texte), `${chemin} : « ${texte} »`);
  const fond = await page.locator(".bandeau").evaluate((e) => getComputedStyle(e).backgroundColor);
  verifier(fond === "rgb(31, 61, 122)", `${chemin} : la feuille de style s'applique (${fond})`);
  await accessibilite(page, `page ${statut}`);
  await page.screenshot({ path: path.join(captures, `${nom}-1280.png`), fullPage: true });
  await page.close();
}

// Another writing of a page's address leads to the page's own.
{
  const page = await bureau.newPage();
  await page.goto(`${base}/PALMARES/0${edition}/?departement=${departement}`);
  verifier(new URL(page.url()).pathname === `/palmares/${edition}` && new URL(page.url()).searchParams.get("departement") === departement,
    `adresse : /PALMARES/0${edition}/ mène à /palmares/${edition} (${page.url()})`);
  // The search as a reader types it: no accents, no hyphen, in capitals.
  const nom = laureat.split(" (")[0];
  const saisie = nom.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[-'’]/g, " ").toUpperCase();
  await page.getByLabel("Rechercher une collectivité").fill(saisie);
  await page.getByRole("button", { name: "Rechercher" }).click();
  await page.waitForLoadState();
  verifier(await page.locator("li.laureat").filter({ hasText: laureat }).count() === 1, `recherche : « ${saisie} » trouve « ${laureat} »`);
  await page.close();
}

// A collectivité's page: its timeline and its badge.
{
  const page = await visiter(`/collectivites/${collectivite}`, "collectivite");
  const frise = await page.locator("ol.frise li").allInnerTexts();
  verifier(frise.length >= 2 && frise.some((l) => l.startsWith(edition) && l.includes("@".repeat(arobases))), `collectivité : sa frise montre ${edition} ${"@".repeat(arobases)} (${frise.join(" | ")})`);
  const badge = await page.locator("img[src$='badge.svg']").evaluate(async (img) => { await img.decode(); return { l: img.naturalWidth, h: img.naturalHeight }; });
  verifier(badge.l === 240 && badge.h === 72, `collectivité : le badge s'affiche en 240×72 (${badge.l}×${badge.h})`);
  await page.close();
}

// The badge alone: its size, its arobases, its title.
{
  const page = await bureau.newPage();
  const reponse = await page.goto(`${base}/collectivites/${collectivite}/badge.svg?edition=${edition}`);
  verifier(reponse.headers()["content-type"]?.startsWith("image/svg+xml"), "badge : image/svg+xml");
  const svg = await page.evaluate(() => {
    const s = document.documentElement;
    return { l: s.getAttribute("width"), h: s.getAttribute("height"), role: s.getAttribute("role"), titre: s.querySelector("title")?.textContent,
      textes: [...s.querySelectorAll("text")].map((t) => t.textContent), boite: s.getBoundingClientRect().width };
  });
  verifier(svg.l === "240" && svg.h === "72" && svg.boite === 240, `badge : 240×72 (${svg.l}×${svg.h}, rendu ${svg.boite})`);
  verifier(svg.role === "img" && svg.titre?.includes(edition), `badge : role=img et un titre (${svg.titre})`);
  verifier(svg.textes.includes("@".repeat(arobases)), `badge : ${arobases} arobases (${svg.textes.join(" | ")})`);
  await page.screenshot({ path: path.join(captures, "badge.png"), clip: { x: 0, y: 0, width: 260, height: 90 } });
  await page.close();
  // Every line of a badge, the one saying why there is none included, fits inside it.
  for (const chemin of [`badge.svg?edition=${edition}`, "badge.svg?edition=2099"]) {
    const p = await bureau.newPage();
    await p.goto(`${base}/collectivites/${collectivite}/${chemin}`);
    const droite = await p.evaluate(() => Math.max(...[...document.querySelectorAll("text")].map((t) => { const b = t.getBBox(); return b.x + b.width; })));
    verifier(droite <= 236, `badge (${chemin}) : ses textes tiennent dans ses 240 px (bord droit à ${droite.toFixed(1)})`);
    await p.close();
  }
}

// The widget in a page of another origin; the palmarès page itself may not be framed.
{
  const widget = `${base}/widget/palmares/${edition}?departement=${encodeURIComponent(departement)}`;
  const hote = http.createServer((requete, reponse) => {
    reponse.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    reponse.end(`<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Site d'une collectivité</title></head><body><main>
      <h1>Notre commune</h1>
      <a href="${base}/collectivites/${collectivite}"><img src="${base}/collectivites/${collectivite}/badge.svg" width="240" height="72" alt="Label"></a>
      <img id="sans-distinction" src="${base}/collectivites/00000000-0000-0000-0000-000000000000/badge.svg" alt="Label">
      <iframe id="widget" src="${widget}" title="Palmarès du label" width="100%" height="500"></iframe>
      <iframe id="interdit" src="${base}/palmares/${edition}" title="Page non encadrable" width="300" height="100"></iframe>
      </main></body></html>`);
  });
  await new Promise((ok) => hote.listen(0, "127.0.0.1", ok));
  const origine = `http://127.0.0.1:${hote.address().port}`;
  verifier(new URL(origine).origin !== new URL(base).origin, `widget : page hôte d'une autre origine (${origine})`);
  for (const [contexte, largeur] of [[bureau, 1280], [telephone, 375]]) {
    const page = await contexte.newPage();
    await page.goto(origine);
    const cadre = page.frameLocator("#widget");
    await cadre.locator("li.laureat").first().waitFor({ timeout: 10000 });
    const dans = await cadre.locator("li.laureat").count();
    // Its links name the laureate, then say « (nouvel onglet) » to a screen reader, before the arobases.
    verifier(dans > 0 && (await cadre.locator("li.laureat").filter({ hasText: laureat.replace(/ @+$/, "") }).filter({ hasText: "@".repeat(arobases) }).count()) === 1,
      `widget (${largeur}) : s'affiche dans la page hôte avec ${laureat} (${dans} lauréats)`);
    const interdit = page.frames().find((f) => f.url().startsWith(`${base}/palmares/`));
    const encadree = interdit ? await interdit.evaluate(() => document.querySelectorAll("li.laureat").length).catch(() => 0) : 0;
    verifier(encadree === 0, `page du palmarès : refusée dans un cadre d'une autre origine (${encadree} lauréats visibles)`);
    if (largeur === 1280) {
      // A badge with nothing to show (an unknown collectivité, a 404) is still an image of the badge's size, not a broken one.
      const vide = await page.locator("#sans-distinction").evaluate(async (img) => {
        await img.decode().catch(() => {});
        return { l: img.naturalWidth, h: img.naturalHeight };
      });
      verifier(vide.l === 240 && vide.h === 72, `badge sans distinction : une image de 240×72 dans la page hôte (${vide.l}×${vide.h})`);
      const frame = page.frames().find((f) => f.url().startsWith(`${base}/widget/`));
      await accessibilite(frame, "widget");
    }
    await page.screenshot({ path: path.join(captures, `widget-hote-${largeur}.png`), fullPage: true });
    await page.close();
  }
  hote.close();
}

verifier(refus.length === 0, `aucune ressource refusée par la CSP${refus.length ? " — " + refus.join(" ; ") : ""}`);

// The embargo, last: from its instant the page shows the results.
{
  const attente = instantEmbargo - Date.now() + 1200;
  if (attente > 0) await new Promise((ok) => setTimeout(ok, attente));
  const page = await bureau.newPage();
  const reponse = await page.goto(`${base}/palmares/${editionEmbargo}`);
  verifier(reponse.status() === 200, `embargo : 200 après l'instant (${reponse.status()})`);
  verifier(await page.locator("li.laureat").filter({ hasText: laureatEmbargo }).count() === 1, `embargo : « ${laureatEmbargo} » après l'instant`);
  await page.screenshot({ path: path.join(captures, "embargo-apres-1280.png"), fullPage: true });
  await page.close();
}

await navigateur.close();
console.log(`captures: ${captures}`);
process.exit(echecs.length ? 1 : 0);
