// The Czech texts split at build time (build/split-texts.ts); their keys are typed from cs.json (i18next.d.ts).
declare module "virtual:texts/cs/core" {
  const texts: Record<string, unknown>;
  export default texts;
}
declare module "virtual:texts/cs/rest" {
  const texts: Record<string, unknown>;
  export default texts;
}
