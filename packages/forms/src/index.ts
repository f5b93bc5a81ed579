// @portal/forms: pure TypeScript shared by the API and the PWA (no Node or DOM imports).
export * from "./czech-identifiers.ts";
export * from "./czech-people.ts";
export * from "./definition.ts";
export * from "./installments.ts";
export * from "./push-message.ts";
export * from "./validate.ts";
export * from "./version.ts";
