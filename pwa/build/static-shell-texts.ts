import fs from "node:fs";
import type { Plugin } from "vite";

type Messages = { [key: string]: string | Messages };

/**
 * Fills `%t(key)%` placeholders in index.html with the Czech texts from src/i18n/cs.json, so the static outline
 * painted before any script runs says exactly what the app then renders (same words, same size: the switch to
 * React changes nothing on screen) and cannot drift from the translations. Unknown keys fail the build.
 */
export function staticShellTexts(messagesFile: string): Plugin {
  return {
    name: "portal:static-shell-texts",
    transformIndexHtml: {
      order: "pre",
      handler(html) {
        const messages = JSON.parse(fs.readFileSync(messagesFile, "utf8")) as Messages;
        return html.replace(/%t\(([\w.]+)\)%/g, (_placeholder, key: string) => {
          const text = key
            .split(".")
            .reduce<string | Messages | undefined>((node, part) => (typeof node === "object" ? node[part] : undefined), messages);
          if (typeof text !== "string") throw new Error(`index.html: no text "${key}" in ${messagesFile}`);
          return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
        });
      },
    },
  };
}
