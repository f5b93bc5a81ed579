import "i18next";
import type cs from "./cs.json";

// Translation keys are type-checked against the Czech file (the source language).
declare module "i18next" {
  interface CustomTypeOptions {
    resources: { translation: typeof cs };
  }
}
