/**
 * What happens to a draft filled in under an older version of its form (semver):
 * - same or patch (wording): continue; the draft takes the new version silently;
 * - minor (compatible additions): continue after the citizen confirms; values that no longer validate are
 *   pruned by re-validating against the new definition;
 * - major (incompatible): the draft cannot be sent; the citizen is told why and starts again (its values
 *   stay readable);
 * - a draft from a NEWER version than the server knows (a rolled-back release) is blocked too.
 */

export type DraftCompatibility = "SAME" | "PATCH" | "MINOR" | "MAJOR" | "NEWER";

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export function parseVersion(version: string): [number, number, number] {
  const match = SEMVER.exec(version);
  if (!match) throw new RangeError(`Not a semver version: ${version}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function draftCompatibility(draftVersion: string, currentVersion: string): DraftCompatibility {
  const [dMajor, dMinor, dPatch] = parseVersion(draftVersion);
  const [cMajor, cMinor, cPatch] = parseVersion(currentVersion);
  const order = dMajor - cMajor || dMinor - cMinor || dPatch - cPatch;
  if (order > 0) return "NEWER";
  if (order === 0) return "SAME";
  if (dMajor !== cMajor) return "MAJOR";
  if (dMinor !== cMinor) return "MINOR";
  return "PATCH";
}
