import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { paths } from "../../api/src/config.ts";

/**
 * Every path the PWA's router declares (pwa/src/routes.tsx), as full patterns ("/", "/smlouvy/:id", "/sprava/obec",
 * "*"), read from the source with the TypeScript parser: nested <Route path> elements are joined, an index route
 * takes its parent's path, layout routes without a path add nothing. Tests that must visit every page compare
 * their list with this one, so a new page cannot be forgotten.
 */
export function declaredRoutes(file = path.join(paths.repoRoot, "pwa", "src", "routes.tsx")): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found = new Set<string>();

  const attribute = (element: ts.JsxOpeningLikeElement, name: string): ts.JsxAttribute | undefined =>
    element.attributes.properties.find((p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText(source) === name);

  const visit = (node: ts.Node, parent: string): void => {
    const opening = ts.isJsxElement(node) ? node.openingElement : ts.isJsxSelfClosingElement(node) ? node : undefined;
    if (opening && opening.tagName.getText(source) === "Route") {
      const pathAttribute = attribute(opening, "path");
      let own = parent;
      if (pathAttribute) {
        const value = pathAttribute.initializer;
        if (!value || !ts.isStringLiteral(value))
          throw new Error(`routes.tsx: a <Route path> that is not a string literal: ${opening.getText(source)}`);
        own = value.text === "*" ? "*" : `${parent.replace(/\/$/, "")}/${value.text}`;
        found.add(own);
      } else if (attribute(opening, "index")) {
        found.add(parent);
      }
      if (ts.isJsxElement(node)) node.children.forEach((child) => visit(child, own));
      return;
    }
    ts.forEachChild(node, (child) => visit(child, parent));
  };
  visit(source, "/");
  return [...found].sort();
}
