// What both clients share: their settings (environment variables), their checks, and a client typed by the
// document the API serves (generated/schema.d.ts, made by `npm run generer`).
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";

export type Schemas = components["schemas"];

// JSON answers only, problems included: the palmarès also serves text/csv, and a client that accepted every media
// type of the document would get `PalmaresDto | string` where it reads JSON.
type Json = `${string}/${string}json`;

export function client(base: string, jeton?: string) {
  return createClient<paths, Json>({
    baseUrl: base,
    headers: jeton === undefined ? {} : { Authorization: `Bearer ${jeton}` },
  });
}

export function variable(nom: string): string {
  const valeur = process.env[nom];
  if (valeur === undefined || valeur === "") throw new Error(`Variable d'environnement manquante : ${nom}.`);
  return valeur;
}

export function entier(nom: string): number {
  const valeur = Number(variable(nom));
  if (!Number.isSafeInteger(valeur)) throw new Error(`${nom} doit être un entier, pas « ${variable(nom)} ».`);
  return valeur;
}

// A client that only prints what it got proves nothing: each check stops the script (exit code 1) with its reason.
export function verifier(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`Vérification échouée : ${message}`);
}

// A problem's title and detail, or what came instead (a 304 has no body).
export function probleme(erreur: Schemas["ProblemDetails"] | Schemas["HttpValidationProblemDetails"] | undefined): string {
  if (erreur === undefined || typeof erreur !== "object") return "sans corps";
  return `${erreur.title ?? "sans titre"} — ${erreur.detail ?? "sans détail"}`;
}

export function arobases(nombre: number): string {
  return "@".repeat(nombre);
}
