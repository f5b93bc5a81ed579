// @portal/forms: pure TypeScript shared by the API and the PWA (no Node or DOM imports).
export * from "./catalogue.ts";
export * from "./czech-identifiers.ts";
export * from "./czech-people.ts";
export * from "./definition.ts";
export * from "./definitions/index.ts";
export * from "./dog-fee.ts";
export * from "./installments.ts";
export * from "./push-message.ts";
export * from "./messages.ts";
export * from "./summary.ts";
export * from "./validate.ts";
export * from "./version.ts";
