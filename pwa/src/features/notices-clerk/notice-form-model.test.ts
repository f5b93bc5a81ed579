import { describe, expect, it } from "vitest";
import { proposedByViewer } from "./notice-form-model.ts";

// Under the two-person rule the API refuses the approval of whoever proposed or last changed the proposal
// (approve-notice.ts); the form offers "Schválit a vyvěsit" only to someone else.
describe("who the two-person rule bars from approving", () => {
  const events = [
    { type: "CREATED", actorName: "Petr Svoboda" },
    { type: "EDITED", actorName: "Petr Svoboda" },
    { type: "PROPOSED", actorName: "Petr Svoboda" },
  ];

  it("the clerk who proposed it", () => {
    expect(proposedByViewer(events, "Petr Svoboda")).toBe(true);
    expect(proposedByViewer(events, "Eva Dvořáková")).toBe(false);
  });

  it("the clerk who changed the proposal last, even if someone else proposed it", () => {
    const changed = [...events, { type: "EDITED", actorName: "Eva Dvořáková" }];
    expect(proposedByViewer(changed, "Eva Dvořáková")).toBe(true);
    expect(proposedByViewer(changed, "Petr Svoboda")).toBe(false);
  });

  it("nobody while no one has proposed or changed it, or while the viewer is unknown", () => {
    expect(proposedByViewer([{ type: "CREATED", actorName: "Petr Svoboda" }], "Petr Svoboda")).toBe(false);
    expect(proposedByViewer(events, undefined)).toBe(false);
  });
});
